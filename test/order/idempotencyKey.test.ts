/**
 * Order → Create with an Idempotency Key: a shop's order is placed once, however often the
 * webhook arrives, across executions, with the keys in n8n's deduplication store.
 */
import type { IDataObject, INodeParameters, INodeType, WorkflowExecuteMode } from 'n8n-workflow';

import { SmmPanelApi } from '../../credentials/SmmPanelApi.credentials';
import { runNode } from '../../demo/engine';
import type { DemoPanel } from '../../demo/panel';
import { SmmPanel } from '../../nodes/SmmPanel/SmmPanel.node';
import { frozenPanel } from '../helpers/demoPanel';

/** Followers (service 1, min 50) for each item's link and quantity, keyed by the shop's order. */
const KEYED_ORDER: INodeParameters = {
	resource: 'order',
	operation: 'create',
	service: { __rl: true, mode: 'id', value: '1' },
	orderType: 'default',
	link: '={{ $json.link }}',
	quantity: '={{ $json.quantity }}',
	additionalFields: { idempotencyKey: '={{ $json.shopOrder }}' },
};

const shopOrder = (shopOrder: string, quantity = 100) => ({ shopOrder, link: `https://instagram.com/${shopOrder}`, quantity });

let panel: DemoPanel;
let workflows = 0;
let workflowId: string;
beforeEach(async () => {
	panel = await frozenPanel();
	workflows += 1;
	workflowId = `shop-${workflows}`;
});
afterEach(async () => await panel.close());

async function place(
	items: IDataObject[],
	options: { continueOnFail?: boolean; additionalFields?: IDataObject; node?: INodeType; mode?: WorkflowExecuteMode } = {},
) {
	const run = await runNode({
		node: options.node ?? new SmmPanel(),
		credentialType: new SmmPanelApi(),
		credentials: { url: panel.url, apiKey: panel.apiKey },
		parameters: { ...KEYED_ORDER, additionalFields: { ...(KEYED_ORDER.additionalFields as IDataObject), ...options.additionalFields } as INodeParameters },
		items,
		continueOnFail: options.continueOnFail ?? true,
		mode: options.mode ?? 'webhook',
		workflowId,
	});
	return { ...run, json: run.items.map((item) => item.json) };
}

test('a webhook delivered twice places one order; the second run says it was placed earlier', async () => {
	const first = await place([shopOrder('1001')]);
	expect(first.json).toEqual([expect.objectContaining({ order: expect.anything(), idempotencyKey: '1001' })]);

	const second = await place([shopOrder('1001')]);
	expect(panel.stats.ordersPlaced).toBe(1);
	expect(second.json).toEqual([
		expect.objectContaining({
			idempotencyKey: '1001',
			error: expect.stringContaining('Idempotency Key "1001" was already placed by an earlier run'),
		}),
	]);
	expect(second.items[0].pairedItem).toEqual({ item: 0 });
});

test('without Continue On Fail, a key placed earlier fails the node and sends nothing', async () => {
	await place([shopOrder('1002')]);
	const again = await place([shopOrder('1002')], { continueOnFail: false });
	expect(again.error?.message).toContain('Idempotency Key "1002" was already placed');
	expect(panel.stats.ordersPlaced).toBe(1);
});

test('two items with the same key in one run place one order; the second gets its order id', async () => {
	const run = await place([shopOrder('2001'), shopOrder('2002'), shopOrder('2001')]);
	expect(panel.stats.ordersPlaced).toBe(2);
	expect(run.json[2]).toEqual(
		expect.objectContaining({
			idempotencyKey: '2001',
			order: run.json[0].order,
			error: expect.stringContaining(`item 0 has the same Idempotency Key "2001" and placed order ${String(run.json[0].order)}`),
		}),
	);
});

test('two executions at once with the same key place one order', async () => {
	const runs = await Promise.all([place([shopOrder('3001')]), place([shopOrder('3001')]), place([shopOrder('3001')])]);
	expect(panel.stats.ordersPlaced).toBe(1);
	expect(runs.filter((run) => run.json[0].order !== undefined && run.json[0].error === undefined)).toHaveLength(1);
});

test('keys of different shop orders arriving at once are all kept', async () => {
	const runs = await Promise.all(['4001', '4002', '4003', '4004'].map(async (key) => await place([shopOrder(key)])));
	expect(panel.stats.ordersPlaced).toBe(4);
	const again = await Promise.all(['4001', '4002', '4003', '4004'].map(async (key) => await place([shopOrder(key)])));
	expect(panel.stats.ordersPlaced).toBe(4);
	expect(runs.every((run) => run.json[0].error === undefined)).toBe(true);
	expect(again.every((run) => String(run.json[0].error).includes('already placed'))).toBe(true);
});

test("a panel's refusal forgets the key, so the corrected order can be placed", async () => {
	const refused = await place([shopOrder('5001', 10)]);
	expect(refused.json[0].error).toBeDefined();
	expect(panel.stats.ordersPlaced).toBe(0);

	const corrected = await place([shopOrder('5001', 100)]);
	expect(corrected.json[0]).toEqual(expect.objectContaining({ order: expect.anything(), idempotencyKey: '5001' }));
	expect(panel.stats.ordersPlaced).toBe(1);
});

test('a lost answer keeps the key: the order may exist, so it is not sent again', async () => {
	panel.setFaults([{ kind: 'serverError', actions: ['add'], count: 1, afterProcessing: true }]);
	const lost = await place([shopOrder('6001')]);
	expect(lost.json[0].error).toBeDefined();
	expect(lost.json[0].idempotencyKey).toBe('6001');
	expect(panel.stats.ordersPlaced).toBe(1);

	const again = await place([shopOrder('6001')]);
	expect(again.json[0].error).toContain('was taken by an earlier run of this node, which may have placed it');
	expect(panel.stats.ordersPlaced).toBe(1);
});

test('a run that stops midway leaves only the orders it tried taken: the next run places the rest', async () => {
	// One in flight, so keys are taken 10 at a time. A first run placed 11 orders; a second run
	// stops at its first order, whose answer is lost, with 9 more keys of its chunk taken.
	const items = Array.from({ length: 25 }, (_, index) => shopOrder(`c${index}`));
	const first = await place(items.slice(0, 11), { additionalFields: { requestsInFlight: 1 } });
	expect(first.json.every((json) => json.order !== undefined)).toBe(true);
	panel.setFaults([{ kind: 'dropConnection', actions: ['add'], afterProcessing: true, count: 1 }]);
	const stopped = await place(items.slice(11), { continueOnFail: false, additionalFields: { requestsInFlight: 1 } });
	expect(stopped.error).toBeDefined();
	expect(panel.stats.ordersPlaced).toBe(12);

	const rerun = await place(items, { additionalFields: { requestsInFlight: 1 } });
	const said = rerun.json.map((json) =>
		json.error === undefined ? 'placed' : String(json.error).includes('already placed') ? 'placed earlier' : 'may have been placed',
	);
	expect(said).toEqual([...Array(11).fill('placed earlier'), 'may have been placed', ...Array(13).fill('placed')]);
	expect(panel.stats.ordersPlaced).toBe(25);
});

test('when the node stops at a failure, the orders it never sent can be placed by the next run', async () => {
	// Item 1 is below the minimum: the panel refuses it and, without Continue On Fail, the node stops.
	const items = [shopOrder('7001'), shopOrder('7002', 10), shopOrder('7003'), shopOrder('7004')];
	const stopped = await place(items, { continueOnFail: false, additionalFields: { requestsInFlight: 1 } });
	expect(stopped.error).toBeDefined();
	expect(panel.stats.ordersPlaced).toBe(1);

	const rerun = await place([shopOrder('7001'), shopOrder('7002', 100), shopOrder('7003'), shopOrder('7004')]);
	expect(rerun.json.map((json) => (json.error === undefined ? 'placed' : 'refused'))).toEqual(['refused', 'placed', 'placed', 'placed']);
	expect(panel.stats.ordersPlaced).toBe(4);
});

test('Estimate Only records no key', async () => {
	const estimate = await place([shopOrder('8001')], { additionalFields: { estimateOnly: true } });
	expect(estimate.json[0].estimatedCharge).toBeDefined();
	const real = await place([shopOrder('8001')]);
	expect(real.json[0].order).toBeDefined();
	expect(panel.stats.ordersPlaced).toBe(1);
});

test('a run from the editor places and records like any other run', async () => {
	await place([shopOrder('8101')], { mode: 'manual' });
	const live = await place([shopOrder('8101')]);
	expect(live.json[0].error).toContain('already placed');
	expect(panel.stats.ordersPlaced).toBe(1);
});

test('items without a key are placed as before, every time', async () => {
	const noKey = { shopOrder: '', link: 'https://instagram.com/nokey', quantity: 100 };
	await place([noKey]);
	await place([noKey]);
	expect(panel.stats.ordersPlaced).toBe(2);
});

test('a key that is not text is refused before anything is sent, naming the field and the item', async () => {
	const run = await place([{ ...shopOrder('x'), shopOrder: { id: 1 } }]);
	expect(run.json[0].error).toBe('idempotencyKey: it is not text (item 0)');
	expect(panel.stats.requests).toBe(0);
});

test('an unsaved workflow gets a clear error instead of an order without its key', async () => {
	workflowId = '';
	const run = await place([shopOrder('9001')]);
	expect(run.json[0].error).toBe('Idempotency Key needs a saved workflow');
	expect(panel.stats.ordersPlaced).toBe(0);
});
