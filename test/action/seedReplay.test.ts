/**
 * Every documented action of the five seed panels, answered with the doc's own example response
 * (raw text, sloppy JSON included), gives the output items the contract promises. Each case runs
 * once with `application/json` and once with `text/html`: panels label their JSON any which way.
 */
import { INCORRECT_REQUEST, seedAnswer } from '../fixtures/seedPanel';
import { type Seed, seed002, seed004, seeds } from '../fixtures/seeds';
import { API_KEY, type FakePanel, blockRealNetwork, fakePanel, pairedItems, runPanelNode, serviceById } from './support';

blockRealNetwork();

const CONTENT_TYPES = ['application/json', 'text/html'];

/** A panel answering as `seed`'s doc does, under the given content type. */
function panelOf(seed: Seed, contentType: string): FakePanel {
	return fakePanel((form) => ({ body: seedAnswer(seed, form) ?? INCORRECT_REQUEST, contentType }));
}

const SERVICES_STANDARD = [
	{ service: 1, name: 'Followers', type: 'Default', category: 'First Category', rate: 0.9, min: 50, max: 10000, refill: true, cancel: true, orderType: 'default' },
	{ service: 2, name: 'Comments', type: 'Custom Comments', category: 'Second Category', rate: 8, min: 10, max: 1500, refill: false, cancel: true, orderType: 'customComments' },
];
const SERVICES_BY_SEED: Record<string, object[]> = {
	'000': SERVICES_STANDARD,
	'001': SERVICES_STANDARD,
	'003': SERVICES_STANDARD,
	'002': [
		{ service: 1, name: 'Followers', type: 'Default', category: 'First Category', rate: 0.9, min: 50, max: 10000, orderType: 'default' },
		{ service: 2, name: 'Comments', type: 'Custom Comments', category: 'Second Category', rate: 8, min: 10, max: 1500, orderType: 'customComments' },
	],
	'004': [
		{ ...SERVICES_STANDARD[0], desc: 'High quality followers', dripfeed: true },
		{ ...SERVICES_STANDARD[1], desc: 'Custom comments service', cancel: false, dripfeed: false },
	],
};

const PARTIAL_ORDER = { status: 'Partial', statusRaw: 'Partial', charge: 0.27819, start_count: 3572, remains: 157, currency: 'USD' };

describe.each(seeds.map((seed) => [seed.id, seed] as const))('seed %s', (_id, seed) => {
	describe.each(CONTENT_TYPES)('answered as %s', (contentType) => {
		test('service:getAll lists one item per service, numbers as numbers, flags as booleans, orderType in camelCase', async () => {
			const panel = panelOf(seed, contentType);
			const run = await runPanelNode({ panel, parameters: { resource: 'service', operation: 'getAll' } });

			expect(run.error).toBeUndefined();
			expect(run.json).toHaveLength(2);
			expect(run.json[0]).toMatchObject(SERVICES_BY_SEED[seed.id][0]);
			expect(run.json[1]).toMatchObject(SERVICES_BY_SEED[seed.id][1]);
			expect(panel.requests.map((request) => request.form)).toEqual([{ action: 'services', key: API_KEY }]);
		});

		test('order:create outputs the new order id 23501', async () => {
			const panel = panelOf(seed, contentType);
			const run = await runPanelNode({
				panel,
				parameters: { resource: 'order', operation: 'create', service: serviceById('1'), orderType: 'default', link: 'https://www.instagram.com/p/abc123/', quantity: 100 },
			});

			expect(run.error).toBeUndefined();
			expect(run.json).toHaveLength(1);
			expect(run.json[0].order).toBe(23501);
			expect(run.json[0]).not.toHaveProperty('error');
			expect(panel.ofAction('add')).toHaveLength(1);
		});

		test('order:get outputs the order as Partial with charge, start count and remains as numbers', async () => {
			const panel = panelOf(seed, contentType);
			const run = await runPanelNode({ panel, parameters: { resource: 'order', operation: 'get', orderId: '1' } });

			expect(run.error).toBeUndefined();
			expect(run.json).toEqual([expect.objectContaining({ order: 1, ...PARTIAL_ORDER })]);
			expect(panel.requests.map((request) => request.form)).toEqual([{ action: 'status', order: '1', key: API_KEY }]);
		});

		test('order:getMany outputs one item per id, the unknown id 10 as "Incorrect order ID"', async () => {
			const panel = panelOf(seed, contentType);
			const ids = seed.id === '004' ? '1, 10, 15, 20' : '1, 10, 100';
			const run = await runPanelNode({ panel, parameters: { resource: 'order', operation: 'getMany', orderIds: ids } });

			expect(run.error).toBeUndefined();
			expect(panel.requests.map((request) => request.form)).toEqual([
				{ action: 'status', orders: ids.replace(/ /g, ''), key: API_KEY },
			]);
			const [first, unknown, ...rest] = run.json;
			expect(first).toMatchObject({ order: 1, ...PARTIAL_ORDER });
			expect(unknown).toEqual({ order: 10, error: 'Incorrect order ID' });
			if (seed.id === '004') {
				expect(rest).toEqual([
					expect.objectContaining({ order: 15, status: 'Active', posts: 5 }),
					expect.objectContaining({ order: 20, status: 'In progress', statusRaw: 'In Progress', runs: 3 }),
				]);
			} else {
				expect(rest).toEqual([
					expect.objectContaining({ order: 100, status: 'In progress', charge: 1.44219, start_count: 234, remains: 10, currency: 'USD' }),
				]);
			}
		});

		test('refill:create for one order outputs what the panel gave for it', async () => {
			const panel = panelOf(seed, contentType);
			const run = await runPanelNode({ panel, parameters: { resource: 'refill', operation: 'create', orderIds: '1' } });

			expect(run.error).toBeUndefined();
			expect(panel.requests.map((request) => request.form)).toEqual([{ action: 'refill', order: '1', key: API_KEY }]);
			expect(run.json).toHaveLength(1);
			expect(run.json[0]).not.toHaveProperty('error');
			if (seed.id === '002') {
				expect(run.json[0]).toMatchObject({ order: 1, message: 'Your order successfully added for refill. Thank you for patience.' });
			} else if (seed.id === '004') {
				expect(run.json[0]).toMatchObject({ order: 1, refill: '12345', message: 'Refill has been placed successfully!' });
			} else {
				expect(run.json[0]).toMatchObject({ order: 1, refill: '1' });
			}
		});

		if (seed.answers.refillMany) {
			test('refill:create for several orders outputs one item per order: the refill id, or the panel\'s error', async () => {
				const panel = panelOf(seed, contentType);
				const run = await runPanelNode({ panel, parameters: { resource: 'refill', operation: 'create', orderIds: '1, 2, 3' } });

				expect(run.error).toBeUndefined();
				expect(panel.requests.map((request) => request.form)).toEqual([{ action: 'refill', orders: '1,2,3', key: API_KEY }]);
				expect(run.json).toEqual([
					{ order: 1, refill: 1 },
					{ order: 2, refill: 2 },
					{ order: 3, error: 'Incorrect order ID' },
				]);
			});
		}

		if (seed.answers.refillStatus) {
			test('refill:get outputs the refill as Completed', async () => {
				const panel = panelOf(seed, contentType);
				const run = await runPanelNode({ panel, parameters: { resource: 'refill', operation: 'get', refillId: '1' } });

				expect(run.error).toBeUndefined();
				expect(run.json).toEqual([expect.objectContaining({ refill: 1, status: 'Completed' })]);
				expect(panel.requests.map((request) => request.form)).toEqual([{ action: 'refill_status', refill: '1', key: API_KEY }]);
			});
		}

		if (seed.answers.refillStatusMany) {
			test('refill:getMany outputs one item per refill: Completed, Rejected, and "Refill not found"', async () => {
				const panel = panelOf(seed, contentType);
				const run = await runPanelNode({ panel, parameters: { resource: 'refill', operation: 'getMany', refillIds: '1,2,3' } });

				expect(run.error).toBeUndefined();
				expect(panel.requests.map((request) => request.form)).toEqual([{ action: 'refill_status', refills: '1,2,3', key: API_KEY }]);
				expect(run.json).toEqual([
					expect.objectContaining({ refill: 1, status: 'Completed' }),
					expect.objectContaining({ refill: 2, status: 'Rejected' }),
					{ refill: 3, error: 'Refill not found' },
				]);
			});
		}

		if (seed.answers.cancelMany) {
			test('order:cancel for several orders outputs cancel true for 2 and the panel\'s error for 9', async () => {
				const panel = panelOf(seed, contentType);
				const run = await runPanelNode({ panel, parameters: { resource: 'order', operation: 'cancel', orderIds: '9, 2' } });

				expect(run.error).toBeUndefined();
				expect(panel.requests.map((request) => request.form)).toEqual([{ action: 'cancel', orders: '9,2', key: API_KEY }]);
				expect(run.json).toEqual([
					{ order: 9, error: 'Incorrect order ID' },
					{ order: 2, cancel: true },
				]);
			});
		}

		if (seed.answers.cancelMany && !seed.answers.cancel) {
			test('order:cancel for one order cancels it, though this panel documents cancel only for a list of orders', async () => {
				const panel = panelOf(seed, contentType);
				const run = await runPanelNode({ panel, parameters: { resource: 'order', operation: 'cancel', orderIds: '2' } });

				expect(run.error).toBeUndefined();
				expect(run.json).toEqual([{ order: 2, cancel: true }]);
				expect(panel.requests.some((request) => request.form.orders === '2')).toBe(true);
			});
		}

		if (seed.answers.cancel) {
			test('order:cancel for one order falls back from orders=<id> (rejected) to order=<id> and outputs cancel true with the panel\'s message', async () => {
				const panel = panelOf(seed, contentType);
				const run = await runPanelNode({ panel, parameters: { resource: 'order', operation: 'cancel', orderIds: '2' } });

				expect(run.error).toBeUndefined();
				expect(panel.requests.map((request) => request.form)).toEqual([
					{ action: 'cancel', orders: '2', key: API_KEY },
					{ action: 'cancel', order: '2', key: API_KEY },
				]);
				expect(run.json).toHaveLength(1);
				expect(run.json[0]).toMatchObject({
					order: 2,
					cancel: true,
					message:
						seed.id === '002'
							? 'Your order was successfully marked for cancellation. Thank you for patience.'
							: "Cancellation request added, we'll try our best to cancel it.",
				});
				expect(run.json[0]).not.toHaveProperty('error');
			});
		}

		test('account:getBalance outputs the balance as a number with its currency', async () => {
			const panel = panelOf(seed, contentType);
			const run = await runPanelNode({ panel, parameters: { resource: 'account', operation: 'getBalance' } });

			expect(run.error).toBeUndefined();
			expect(run.json).toEqual([expect.objectContaining({ balance: seed.id === '002' ? 10000 : 100.84292, currency: 'USD' })]);
			expect(panel.requests.map((request) => request.form)).toEqual([{ action: 'balance', key: API_KEY }]);
		});
	});
});

describe.each([
	['002', seed002],
	['004', seed004],
])('seed %s takes cancel and refill for one order per request', (_id, seed) => {
	test('order:cancel for several orders falls back to one request per order and outputs one item per order', async () => {
		const panel = panelOf(seed, 'application/json');
		const run = await runPanelNode({ panel, parameters: { resource: 'order', operation: 'cancel', orderIds: '21, 22, 23' } });

		expect(run.error).toBeUndefined();
		const forms = panel.requests.map((request) => request.form);
		expect(forms[0]).toEqual({ action: 'cancel', orders: '21,22,23', key: API_KEY });
		expect(forms.slice(1).map((form) => form.order).sort()).toEqual(['21', '22', '23']);
		expect(forms.slice(1).every((form) => form.action === 'cancel' && form.orders === undefined)).toBe(true);
		expect(forms).toHaveLength(4);
		expect(run.json).toEqual([
			expect.objectContaining({ order: 21, cancel: true }),
			expect.objectContaining({ order: 22, cancel: true }),
			expect.objectContaining({ order: 23, cancel: true }),
		]);
		expect(run.json.some((item) => 'error' in item)).toBe(false);
	});

	test('refill:create for several orders falls back to one request per order and outputs one item per order', async () => {
		const panel = panelOf(seed, 'application/json');
		const run = await runPanelNode({ panel, parameters: { resource: 'refill', operation: 'create', orderIds: '31\n32\n33' } });

		expect(run.error).toBeUndefined();
		const forms = panel.requests.map((request) => request.form);
		expect(forms[0]).toEqual({ action: 'refill', orders: '31,32,33', key: API_KEY });
		expect(forms.slice(1).map((form) => form.order).sort()).toEqual(['31', '32', '33']);
		expect(forms).toHaveLength(4);
		expect(run.json.map((item) => item.order)).toEqual([31, 32, 33]);
		for (const item of run.json) {
			expect(item).not.toHaveProperty('error');
			if (seed.id === '004') expect(item.refill).toBe('12345');
			else expect(item.message).toBe('Your order successfully added for refill. Thank you for patience.');
		}
	});

	test('each fallback output item is paired to the input item that named its order', async () => {
		const panel = panelOf(seed, 'application/json');
		const run = await runPanelNode({
			panel,
			parameters: { resource: 'order', operation: 'cancel', orderIds: '={{ $json.ids }}' },
			items: [{ ids: '51, 52' }, { ids: '53' }],
		});

		expect(run.json.map((item) => item.order)).toEqual([51, 52, 53]);
		expect(run.items.map(pairedItems)).toEqual([[0], [0], [1]]);
	});
});
