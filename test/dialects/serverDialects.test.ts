/**
 * The answer shapes of public panel server code (docs/panels.md), each a demo-panel dialect, read
 * through the node as n8n runs it: the output keeps the README's names and types, errors keep the
 * panel's words, and the Test button tells the truth.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { SmmPanelApi } from '../../credentials/SmmPanelApi.credentials';
import { runNode, testCredential } from '../../demo/engine';
import type { DemoPanel, DialectName } from '../../demo/panel';
import { SmmPanel } from '../../nodes/SmmPanel/SmmPanel.node';
import { frozenPanel, panelNode, placeOrders } from '../helpers/demoPanel';

let panel: DemoPanel;
async function usePanel(dialect: DialectName) {
	panel = await frozenPanel({ dialect });
}
afterEach(async () => await panel.close());

async function run(parameters: INodeParameters, items: IDataObject[] = [{}]) {
	return await runNode({ ...panelNode(panel), parameters, items, continueOnFail: true });
}

const getMany = (ids: string[]) => run({ resource: 'order', operation: 'getMany', orderIds: ids.join(',') });
const create = (quantity: number) =>
	run({ resource: 'order', operation: 'create', service: { __rl: true, mode: 'id', value: '1' }, orderType: 'default', link: 'https://instagram.com/p/x', quantity });
const pressTest = (apiKey: string) => testCredential(new SmmPanelApi(), { url: panel.url, apiKey }, [new SmmPanel()]);

/** What the README promises for every order status, whatever the panel sent. */
function expectStandardStatus(json: IDataObject) {
	expect(typeof json.charge).toBe('number');
	expect(typeof json.start_count).toBe('number');
	expect(typeof json.remains).toBe('number');
	expect(json).not.toHaveProperty('start_counter');
	expect(['Pending', 'In progress', 'Completed', 'Partial', 'Canceled', 'Processing']).toContain(json.status);
}

describe.each<[DialectName, string]>([
	['smartPanel', 'API is Disable for this user or User Not Found! Contact the Support'],
	['codedErrors', 'API key is incorrect (code 102)'],
	['httpErrors', 'Invalid API key'],
	['listStatus', 'Invalid API key'],
])('%s', (dialect, wrongKeyWords) => {
	test('an order placed, its status read for many ids, an unknown id said per id', async () => {
		await usePanel(dialect);
		const placed = await create(100);
		expect(typeof placed.items[0].json.order).toBe('number');
		const ids = [...(await placeOrders(panel, 3)), '999999'];
		const { items } = await getMany(ids);
		expect(items).toHaveLength(4);
		items.slice(0, 3).forEach((item) => expectStandardStatus(item.json));
		expect(items[3].json).toMatchObject({ order: 999999, error: expect.stringMatching(/order/i) });
	});

	test('the balance is a number', async () => {
		await usePanel(dialect);
		const { items } = await run({ resource: 'account', operation: 'getBalance' });
		expect(items[0].json.balance).toBe(1000);
	});

	test("a refused order keeps the panel's words", async () => {
		await usePanel(dialect);
		const { items } = await create(1);
		expect(items[0].json.error).toMatch(/minimum|min_quantity/i);
		expect(items[0].json.description).not.toMatch(/may have been placed/);
	});

	test(`the Test button: connection successful, and a wrong key shows "${wrongKeyWords}"`, async () => {
		await usePanel(dialect);
		expect(await pressTest(panel.apiKey)).toEqual({ status: 'OK', message: 'Connection successful!' });
		const wrong = await pressTest('not-the-key');
		expect(wrong.status).toBe('Error');
		expect(wrong.message).toContain(`"${wrongKeyWords}"`);
		expect(wrong.message).toMatch(/copy the key again/);
	});
});

test('listStatus: 142 ids take 2 requests, not one per id', async () => {
	await usePanel('listStatus');
	const ids = await placeOrders(panel, 142);
	const before = panel.stats.byAction.status ?? 0;
	const { items } = await getMany(ids);
	expect(panel.stats.byAction.status - before).toBe(2);
	expect(items).toHaveLength(142);
	items.forEach((item) => expectStandardStatus(item.json));
});

test('httpErrors: a refill list with errors beside the ids says so per id, never "refilled"', async () => {
	await usePanel('httpErrors');
	const ids = [...(await placeOrders(panel, 2)), '999999'];
	const { items } = await run({ resource: 'refill', operation: 'create', orderIds: ids.join(',') });
	expect(items).toHaveLength(3);
	for (const item of items) {
		expect(item.json.error).toEqual(expect.any(String));
		expect(item.json).not.toHaveProperty('refill');
	}
});

test('smartPanel: a wrong key on Get Many is said once, not asked again per id', async () => {
	panel = await frozenPanel({ dialect: 'smartPanel', apiKey: 'the-real-key' });
	const run = await runNode({ ...panelNode(panel), credentials: { url: panel.url, apiKey: 'not-the-key' }, parameters: { resource: 'order', operation: 'getMany', orderIds: '1,2,3' } });
	expect(run.error?.message).toMatch(/API is Disable for this user/);
	expect(panel.stats.byAction.status).toBe(1);
});

test('smartPanel: refill is not an action there, and the node says so in its words', async () => {
	await usePanel('smartPanel');
	const ids = await placeOrders(panel, 1);
	const { items } = await run({ resource: 'refill', operation: 'create', orderIds: ids.join(',') });
	expect(items[0].json.error).toMatch(/This action is Invalid/);
});
