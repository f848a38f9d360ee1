/**
 * Bad input fails before anything is sent: a NodeOperationError that names the field and the
 * item. With "Continue On Fail" the bad item becomes an error item and the good ones still go.
 */
import { seed000 } from '../fixtures/seeds';
import { BAD_IDS, BAD_ORDERS, FUTURE, order } from '../fixtures/badInputs';
import { blockRealNetwork, fakePanel, json, pairedItems, runPanelNode } from './support';

blockRealNetwork();

/** "answerNumber" may be shown as "Answer Number": match the field either way. */
function namesField(field: string): RegExp {
	return new RegExp(field.replace(/([a-z])([A-Z])/g, '$1 ?$2'), 'i');
}

interface ErrorLike {
	name?: string;
	message?: string;
	context?: { itemIndex?: number };
}

test('there are at least 40 distinct bad-input cases', () => {
	const all = [...BAD_ORDERS, ...BAD_IDS];
	expect(all.length).toBeGreaterThanOrEqual(40);
	expect(new Set(all.map(([label]) => label)).size).toBe(all.length);
	expect(new Set(all.map(([, parameters]) => JSON.stringify(parameters))).size).toBe(all.length);
});

describe.each([
	['an order with', BAD_ORDERS],
	['', BAD_IDS],
])('%s', (_prefix, cases) => {
	test.each(cases)('%s fails before any request, naming the field and the item', async (_label, parameters, field) => {
		const panel = fakePanel(() => json(seed000.answers.add!));
		const run = await runPanelNode({ panel, parameters });

		expect(panel.requests).toEqual([]);
		const error = run.error as ErrorLike;
		expect(error).toBeDefined();
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toMatch(namesField(field));
		expect(error.message).toMatch(/item 0/i);
		expect(run.items).toEqual([]);
	});
});

test('a bad third item stops the node before the first two orders are placed, naming item 2', async () => {
	const panel = fakePanel(() => json(seed000.answers.add!));
	const run = await runPanelNode({
		panel,
		parameters: order('default', { link: '={{ $json.link }}' }),
		items: [{ link: 'https://www.instagram.com/p/one/' }, { link: 'https://www.instagram.com/p/two/' }, { link: 'not a link' }],
	});

	expect(panel.requests).toEqual([]);
	const error = run.error as ErrorLike;
	expect(error.name).toBe('NodeOperationError');
	expect(error.message).toMatch(/link/);
	expect(error.message).toMatch(/item 2/);
	expect(error.context?.itemIndex).toBe(2);
});

test('a junk id in the second item stops order:getMany before any request, naming item 1', async () => {
	const panel = fakePanel(() => json(seed000.answers.statusMany!));
	const run = await runPanelNode({
		panel,
		parameters: { resource: 'order', operation: 'getMany', orderIds: '={{ $json.ids }}' },
		items: [{ ids: '1, 10' }, { ids: 'abc$%' }],
	});

	expect(panel.requests).toEqual([]);
	const error = run.error as ErrorLike;
	expect(error.message).toMatch(/orderIds/);
	expect(error.message).toMatch(/item 1/);
});

describe('with "Continue On Fail"', () => {
	test('a bad order becomes an error item paired to it, and the good orders are still placed', async () => {
		const panel = fakePanel(() => json(seed000.answers.add!));
		const run = await runPanelNode({
			panel,
			parameters: order('default', { link: '={{ $json.link }}', quantity: '={{ $json.quantity }}' }),
			items: [
				{ link: 'https://www.instagram.com/p/one/', quantity: 100 },
				{ link: 'https://www.instagram.com/p/two/', quantity: 'lots' },
				{ link: 'https://www.instagram.com/p/three/', quantity: 300 },
			],
			continueOnFail: true,
		});

		expect(run.error).toBeUndefined();
		expect(panel.requests.map((request) => request.form.link).sort()).toEqual(['https://www.instagram.com/p/one/', 'https://www.instagram.com/p/three/']);
		expect(run.items).toHaveLength(3);
		const byItem = new Map(run.items.map((item) => [pairedItems(item)[0], item.json]));
		expect(byItem.get(0)).toMatchObject({ order: 23501 });
		expect(byItem.get(2)).toMatchObject({ order: 23501 });
		expect(byItem.get(1)?.error).toMatch(/quantity/);
		expect(byItem.get(1)?.error).toMatch(/item 1/);
	});

	test('an item with a junk id becomes an error item, and the other items\' ids are still asked', async () => {
		const panel = fakePanel(() => json(seed000.answers.statusMany!));
		const run = await runPanelNode({
			panel,
			parameters: { resource: 'order', operation: 'getMany', orderIds: '={{ $json.ids }}' },
			items: [{ ids: '1, 10' }, { ids: 'abc$%' }, { ids: [100] }],
			continueOnFail: true,
		});

		expect(run.error).toBeUndefined();
		expect(panel.requests).toHaveLength(1);
		expect(panel.requests[0].form.orders.split(',').sort()).toEqual(['1', '10', '100']);
		const failed = run.items.filter((item) => 'error' in item.json && item.json.order === undefined);
		expect(failed).toHaveLength(1);
		expect(pairedItems(failed[0])).toEqual([1]);
		expect(failed[0].json.error).toMatch(/orderIds/);
		expect(run.json.filter((item) => item.order !== undefined).map((item) => item.order)).toEqual([1, 10, 100]);
	});

	test('a bad subscription expiry fails only its item; the other subscription is placed', async () => {
		const panel = fakePanel(() => json(seed000.answers.add!));
		const run = await runPanelNode({
			panel,
			parameters: order('subscriptions', { username: '={{ $json.user }}', additionalFields: { expiry: '={{ $json.expiry }}' } }),
			items: [
				{ user: 'alice', expiry: '2020-01-01' },
				{ user: 'bob', expiry: FUTURE },
			],
			continueOnFail: true,
		});

		expect(panel.requests.map((request) => request.form.username)).toEqual(['bob']);
		expect(run.items.map(pairedItems)).toEqual([[0], [1]]);
		expect(run.items[0].json.error).toMatch(/expiry/);
		expect(run.items[1].json).toMatchObject({ order: 23501 });
	});
});
