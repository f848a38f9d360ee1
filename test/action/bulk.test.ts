/**
 * "Thousands of orders": ids from all input items are asked 100 per request, each id once, and
 * every output item is paired to the input item(s) that named its id.
 */
import { INCORRECT_REQUEST, seedAnswer } from '../fixtures/seedPanel';
import { seed004 } from '../fixtures/seeds';
import { type FakePanel, type Reply, blockRealNetwork, fakePanel, json, pairedItems, runPanelNode } from './support';

blockRealNetwork();

const idsOf = (csv: string | undefined) => (csv ?? '').split(',').filter(Boolean);

/** A standard panel: `status` for `orders` / `order`, `cancel` and `refill` for `orders`. Ids ending in 7 are unknown. */
function standardPanel(options: { delayMs?: number } = {}): FakePanel {
	const unknown = (id: string) => id.endsWith('7');
	return fakePanel((form): Reply => {
		const reply = (body: object): Reply => ({ ...json(body), delayMs: options.delayMs });
		if (form.action === 'status' && form.orders !== undefined) {
			return reply(
				Object.fromEntries(
					idsOf(form.orders).map((id) => [
						id,
						unknown(id) ? { error: 'Incorrect order ID' } : { charge: '0.5', start_count: '10', status: 'In progress', remains: id, currency: 'USD' },
					]),
				),
			);
		}
		if (form.action === 'status' && form.order !== undefined) {
			return reply(unknown(form.order) ? { error: 'Incorrect order ID' } : { charge: '0.5', start_count: '10', status: 'Completed', remains: '0', currency: 'USD' });
		}
		if (form.action === 'cancel') {
			return reply(idsOf(form.orders).map((id) => ({ order: Number(id), cancel: unknown(id) ? { error: 'Incorrect order ID' } : 1 })));
		}
		if (form.action === 'refill') {
			return reply(idsOf(form.orders).map((id) => ({ order: Number(id), refill: unknown(id) ? { error: 'Incorrect order ID' } : Number(id) + 50000 })));
		}
		return json(INCORRECT_REQUEST);
	});
}

/** 250 ids (1001..1250) over 7 input items, some as text, some as arrays from an expression. */
function itemsWith250Ids(): Array<{ ids: string | number[] }> {
	const sizes = [40, 40, 40, 40, 40, 40, 10];
	let next = 1001;
	return sizes.map((size, index) => {
		const ids = Array.from({ length: size }, () => next++);
		return { ids: index % 2 === 0 ? ids.join(', ') : ids };
	});
}

/** The input item each id came from. */
function itemOfId(items: Array<{ ids: string | number[] }>): Map<number, number> {
	const owner = new Map<number, number>();
	items.forEach((item, index) => {
		const ids = Array.isArray(item.ids) ? item.ids : item.ids.split(', ').map(Number);
		for (const id of ids) owner.set(id, index);
	});
	return owner;
}

describe('order:getMany with 250 ids over 7 input items', () => {
	test('asks the panel in exactly 3 requests of at most 100 ids, each id once', async () => {
		const panel = standardPanel();
		const items = itemsWith250Ids();
		await runPanelNode({ panel, parameters: { resource: 'order', operation: 'getMany', orderIds: '={{ $json.ids }}' }, items });

		const batches = panel.ofAction('status').map((request) => idsOf(request.form.orders));
		expect(batches.map((batch) => batch.length).sort((a, b) => a - b)).toEqual([50, 100, 100]);
		expect(new Set(batches.flat()).size).toBe(250);
		expect(panel.requests).toHaveLength(3);
	});

	test('outputs 250 items, each paired to the input item its id came from', async () => {
		const panel = standardPanel();
		const items = itemsWith250Ids();
		const run = await runPanelNode({ panel, parameters: { resource: 'order', operation: 'getMany', orderIds: '={{ $json.ids }}' }, items });

		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(250);
		const owner = itemOfId(items);
		for (const item of run.items) expect(pairedItems(item)).toEqual([owner.get(item.json.order as number)]);
		expect(run.json.map((item) => item.order)).toEqual(Array.from({ length: 250 }, (_, index) => 1001 + index));
	});

	test('per-id errors stay with their id: unknown orders carry the panel\'s error, the rest their status', async () => {
		const panel = standardPanel();
		const run = await runPanelNode({ panel, parameters: { resource: 'order', operation: 'getMany', orderIds: '={{ $json.ids }}' }, items: itemsWith250Ids() });

		const unknown = run.json.filter((item) => String(item.order).endsWith('7'));
		const known = run.json.filter((item) => !String(item.order).endsWith('7'));
		expect(unknown).toHaveLength(25);
		for (const item of unknown) expect(item).toEqual({ order: item.order, error: 'Incorrect order ID' });
		for (const item of known) expect(item).toMatchObject({ status: 'In progress', remains: (item.order as number) });
	});

	test('with "Requests in Flight" 1 the batches go one after the other', async () => {
		const panel = standardPanel({ delayMs: 30 });
		await runPanelNode({
			panel,
			parameters: { resource: 'order', operation: 'getMany', orderIds: '={{ $json.ids }}', additionalFields: { requestsInFlight: 1 } },
			items: itemsWith250Ids(),
		});

		expect(panel.requests).toHaveLength(3);
		expect(panel.maxInFlight).toBe(1);
	});
});

describe('ids named by several input items', () => {
	test('are asked once and output once, paired to every item that named them', async () => {
		const panel = standardPanel();
		const run = await runPanelNode({
			panel,
			parameters: { resource: 'order', operation: 'getMany', orderIds: '={{ $json.ids }}' },
			items: [{ ids: '1, 2, 3' }, { ids: [3, 4] }, { ids: '1\n1' }],
		});

		expect(panel.requests).toHaveLength(1);
		expect(idsOf(panel.requests[0].form.orders).sort()).toEqual(['1', '2', '3', '4']);
		expect(run.json.map((item) => item.order)).toEqual([1, 2, 3, 4]);
		expect(run.items.map(pairedItems)).toEqual([[0, 2], [0], [0, 1], [1]]);
	});

	test('are cancelled once, however many items named them', async () => {
		const panel = standardPanel();
		const run = await runPanelNode({
			panel,
			parameters: { resource: 'order', operation: 'cancel', orderIds: '={{ $json.ids }}' },
			items: [{ ids: '5, 6' }, { ids: '6, 5' }],
		});

		expect(panel.requests).toHaveLength(1);
		expect(idsOf(panel.requests[0].form.orders).sort()).toEqual(['5', '6']);
		expect(run.json).toEqual([
			{ order: 5, cancel: true },
			{ order: 6, cancel: true },
		]);
		expect(run.items.map(pairedItems)).toEqual([[0, 1], [0, 1]]);
	});
});

describe('order:get over 150 input items', () => {
	const items = Array.from({ length: 150 }, (_, index) => ({ id: 2001 + index }));

	test('asks the panel in 2 requests and outputs one item per input item, in order', async () => {
		const panel = standardPanel();
		const run = await runPanelNode({ panel, parameters: { resource: 'order', operation: 'get', orderId: '={{ $json.id }}' }, items, continueOnFail: true });

		const batches = panel.ofAction('status').map((request) => idsOf(request.form.orders));
		expect(batches.map((batch) => batch.length).sort((a, b) => a - b)).toEqual([50, 100]);
		expect(run.items).toHaveLength(150);
		run.items.forEach((item, index) => expect(pairedItems(item)).toEqual([index]));
		const known = run.items.filter((item) => !String(items[pairedItems(item)[0]].id).endsWith('7'));
		for (const item of known) expect(item.json).toMatchObject({ order: items[pairedItems(item)[0]].id, status: 'In progress' });
	});

	test('an unknown order fails only its own item (with "Continue On Fail")', async () => {
		const panel = standardPanel();
		const run = await runPanelNode({ panel, parameters: { resource: 'order', operation: 'get', orderId: '={{ $json.id }}' }, items, continueOnFail: true });

		const failed = run.items.filter((item) => 'error' in item.json);
		expect(failed.map((item) => items[pairedItems(item)[0]].id)).toEqual(items.map((item) => item.id).filter((id) => String(id).endsWith('7')));
		for (const item of failed) expect(item.json.error).toBe('Incorrect order ID');
	});
});

describe.each([
	['order:cancel', 'cancel', { resource: 'order', operation: 'cancel' }, (id: number) => ({ order: id, cancel: true })],
	['refill:create', 'refill', { resource: 'refill', operation: 'create' }, (id: number) => ({ order: id, refill: id + 50000 })],
])('%s with 250 ids over 7 input items', (_name, action, parameters, expected) => {
	test('sends 3 requests of at most 100 ids, each id once, and outputs one item per id paired to its input item', async () => {
		const panel = standardPanel();
		const items = itemsWith250Ids();
		const run = await runPanelNode({ panel, parameters: { ...parameters, orderIds: '={{ $json.ids }}' }, items });

		const batches = panel.ofAction(action).map((request) => idsOf(request.form.orders));
		expect(batches.map((batch) => batch.length).sort((a, b) => a - b)).toEqual([50, 100, 100]);
		expect(new Set(batches.flat()).size).toBe(250);
		expect(panel.requests).toHaveLength(3);

		expect(run.items).toHaveLength(250);
		const owner = itemOfId(items);
		for (const item of run.items) {
			const id = item.json.order as number;
			expect(pairedItems(item)).toEqual([owner.get(id)]);
			expect(item.json).toEqual(String(id).endsWith('7') ? { order: id, error: 'Incorrect order ID' } : expected(id));
		}
	});
});

describe('a panel that takes one order per cancel or refill (seed 004)', () => {
	function singleIdPanel(): FakePanel {
		return fakePanel((form) => ({ body: seedAnswer(seed004, form) ?? INCORRECT_REQUEST, delayMs: form.order !== undefined ? 40 : 0 }));
	}

	test.each([
		['order:cancel', { resource: 'order', operation: 'cancel' }, 'cancel'],
		['refill:create', { resource: 'refill', operation: 'create' }, 'refill'],
	])('%s keeps at most "Requests in Flight" (3) requests open while it asks id by id', async (_name, parameters, action) => {
		const panel = singleIdPanel();
		const ids = Array.from({ length: 12 }, (_, index) => 301 + index);
		const run = await runPanelNode({ panel, parameters: { ...parameters, orderIds: ids.join(','), additionalFields: { requestsInFlight: 3 } } });

		expect(run.error).toBeUndefined();
		const oneByOne = panel.ofAction(action).filter((request) => request.form.order !== undefined);
		expect(oneByOne.map((request) => Number(request.form.order)).sort((a, b) => a - b)).toEqual(ids);
		expect(panel.maxInFlight).toBeLessThanOrEqual(3);
		expect(panel.maxInFlight).toBeGreaterThanOrEqual(2);
		expect(run.json.map((item) => item.order)).toEqual(ids);
		expect(run.json.some((item) => 'error' in item)).toBe(false);
	});

	test('with 150 ids over 3 input items every id is asked once, paired to its input item, at most 3 at a time', async () => {
		const panel = fakePanel((form) => ({ body: seedAnswer(seed004, form) ?? INCORRECT_REQUEST, delayMs: 15 }));
		const items = [0, 1, 2].map((index) => ({ ids: Array.from({ length: 50 }, (_, offset) => 5000 + index * 50 + offset) }));
		const run = await runPanelNode({ panel, parameters: { resource: 'order', operation: 'cancel', orderIds: '={{ $json.ids }}', additionalFields: { requestsInFlight: 3 } }, items });

		const oneByOne = panel.requests.filter((request) => request.form.order !== undefined).map((request) => request.form.order);
		expect(oneByOne).toHaveLength(150);
		expect(new Set(oneByOne).size).toBe(150);
		expect(run.items).toHaveLength(150);
		for (const item of run.items) expect(pairedItems(item)).toEqual([Math.floor(((item.json.order as number) - 5000) / 50)]);
		expect(panel.maxInFlight).toBeLessThanOrEqual(3);
	});
});
