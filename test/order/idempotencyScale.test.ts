/**
 * The Idempotency Key under load in one n8n process: many executions at once, a long history in
 * n8n's store. Exact (no key placed twice, none lost) and the store's row stays small.
 */
import { createHash } from 'node:crypto';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { deduplicationStore, runNode } from '../../demo/engine';
import type { DemoPanel } from '../../demo/panel';
import { KEY_WINDOW_ORDERS } from '../../nodes/SmmPanel/resources/order/idempotency';
import { frozenPanel, panelNode } from '../helpers/demoPanel';

const KEYED_ORDER: INodeParameters = {
	resource: 'order',
	operation: 'create',
	service: { __rl: true, mode: 'id', value: '1' },
	orderType: 'default',
	link: '={{ $json.link }}',
	quantity: 100,
	additionalFields: { idempotencyKey: '={{ $json.shopOrder }}' },
};

const shopOrder = (key: string) => ({ shopOrder: key, link: `https://instagram.com/${key}` });
const keys = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `${prefix}${index}`);
/** The panel node's row in n8n's store, as the test harness names it (workflow id, node id 2). */
const rowOf = (workflowId: string) => `${workflowId}|n:2`;
const hash = (entry: string) => createHash('md5').update(entry).digest('base64');

let panel: DemoPanel;
let workflows = 0;
let workflowId: string;
beforeEach(async () => {
	panel = await frozenPanel();
	workflows += 1;
	workflowId = `scale-${workflows}`;
});
afterEach(async () => await panel.close());

async function place(items: IDataObject[]) {
	const run = await runNode({
		...panelNode(panel),
		parameters: KEYED_ORDER,
		items,
		continueOnFail: true,
		mode: 'webhook',
		workflowId,
	});
	return run.items.map((item) => item.json);
}

/** What the panel placed, per shop order (its link). */
const placedPerKey = () => Object.values(panel.stats.addsByLink);

test('40 executions at once, each key posted 8 times: every key placed once, and every key remembered', async () => {
	const shop = keys('s', 5);
	const bulk = keys('b', 60);
	const runs = await Promise.all([
		...shop.flatMap((key) => Array.from({ length: 8 }, async () => await place([shopOrder(key)]))),
		place(bulk.slice(0, 30).map(shopOrder)),
		place(bulk.slice(30).map(shopOrder)),
	]);
	expect(panel.stats.ordersPlaced).toBe(65);
	expect(placedPerKey().every((count) => count === 1)).toBe(true);
	const answers = runs.flat();
	expect(answers.filter((json) => json.error === undefined)).toHaveLength(65);

	// 0 lost: every key comes back "already placed", none is placed again.
	const again = await Promise.all([...shop, ...bulk].map(async (key) => await place([shopOrder(key)])));
	expect(again.flat().filter((json) => !String(json.error).includes("already placed by an earlier run")).map((json) => json.error)).toEqual([]);
	expect(panel.stats.ordersPlaced).toBe(65);
});

test("executions at once for one node share a round trip to n8n's store instead of queueing one each", async () => {
	const store = await deduplicationStore();
	const calls = jest.spyOn(store, 'checkProcessedAndRecord');
	await Promise.all(keys('r', 30).map(async (key) => await place([shopOrder(key)])));
	const ours = calls.mock.calls.filter(([, , context]) => context.workflow.id === workflowId);
	calls.mockRestore();
	expect(panel.stats.ordersPlaced).toBe(30);
	// One claim and one placed mark per execution would be 60 writes of the row.
	expect(ours.length).toBeLessThan(20);
});

test('a long history in the store: the row is cut to the remembered window, and each chunk of orders writes it once', async () => {
	const store = await deduplicationStore();
	const history = Array.from({ length: 45_000 }, (_, index) => hash(`order key old${index}`));
	store.rows.set(rowOf(workflowId), JSON.stringify({ mode: 'entries', data: history }));
	const calls = jest.spyOn(store, 'checkProcessedAndRecord');

	const run = await place(keys('h', 100).map(shopOrder));
	// The keys' writes (the node also keeps what it learned about the panel in its row).
	const isKeys = (entries: unknown[]) => entries.some((entry) => String(entry).startsWith('order key '));
	const writes = calls.mock.calls.filter(([entries, , context]) => context.workflow.id === workflowId && isKeys(entries)).length;
	calls.mockRestore();

	expect(run.every((json) => json.error === undefined)).toBe(true);
	// 100 orders in chunks of 10: one write per chunk (with the previous chunk's placed marks).
	expect(writes).toBe(10);
	const row = JSON.parse(store.rows.get(rowOf(workflowId))!) as { data: string[] };
	expect(row.data).toHaveLength(2 * KEY_WINDOW_ORDERS);
	// About 27 bytes an entry.
	expect(Buffer.byteLength(store.rows.get(rowOf(workflowId))!)).toBeLessThan(2 * KEY_WINDOW_ORDERS * 28);
	// The newest history is still remembered; what fell out of the window is not.
	expect(row.data).toContain(hash('order key old44999'));
	expect(row.data).not.toContain(hash('order key old0'));
});

test(`a key stays remembered for the last ${KEY_WINDOW_ORDERS} orders' keys`, async () => {
	const store = await deduplicationStore();
	await place([shopOrder('oldest')]);
	// Fill the rest of the window as earlier orders would have (each its key and its placed mark).
	const row = JSON.parse(store.rows.get(rowOf(workflowId))!) as { data: string[] };
	for (let index = 1; index < KEY_WINDOW_ORDERS; index++) row.data.push(hash(`order key f${index}`), hash(`order placed f${index}`));
	store.rows.set(rowOf(workflowId), JSON.stringify(row));

	const again = await place([shopOrder('oldest')]);
	expect(again[0].error).toContain('already placed by an earlier run');
	expect(panel.stats.ordersPlaced).toBe(1);
});
