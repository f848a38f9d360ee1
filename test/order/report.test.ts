/**
 * Order / Refill → Get Many with `report`: a scheduled flow that reads its open ids from a sheet
 * or a data table reports each change, or each finished order, once across executions.
 */
import type { IDataObject, INodeParameters, WorkflowExecuteMode } from 'n8n-workflow';

import { SmmPanelApi } from '../../credentials/SmmPanelApi.credentials';
import { runNode, storeBytes } from '../../demo/engine';
import type { DemoPanel } from '../../demo/panel';
import { SmmPanel } from '../../nodes/SmmPanel/SmmPanel.node';
import { STORE_MAX_ENTRIES } from '../../nodes/SmmPanel/shared/nodeStore';
import { frozenPanel, panelCall, placeOrders } from '../helpers/demoPanel';

let panel: DemoPanel;
let workflows = 0;
let workflowId: string;
beforeEach(async () => {
	panel = await frozenPanel();
	workflows += 1;
	workflowId = `tracking-${workflows}`;
});
afterEach(async () => await panel.close());

/** One scheduled run: the open ids arrive one per item (rows of a sheet), as a schedule would run it. */
async function track(
	ids: string[],
	report: string,
	options: { mode?: WorkflowExecuteMode; resource?: 'order' | 'refill'; continueOnFail?: boolean } = {},
) {
	const resource = options.resource ?? 'order';
	const idField = resource === 'order' ? 'orderIds' : 'refillIds';
	const run = await runNode({
		node: new SmmPanel(),
		credentialType: new SmmPanelApi(),
		credentials: { url: panel.url, apiKey: panel.apiKey },
		parameters: { resource, operation: 'getMany', [idField]: '={{ $json.id }}', additionalFields: { report } } as INodeParameters,
		items: ids.map((id) => ({ id })),
		mode: options.mode ?? 'trigger',
		workflowId,
		continueOnFail: options.continueOnFail,
	});
	return run.items.map((item) => item.json);
}

const idsOf = (items: IDataObject[], field = 'order') => items.map((item) => String(item[field])).sort();

describe('Finished', () => {
	test('each finished order comes out once, across runs, and none is missed', async () => {
		const ids = await placeOrders(panel, 3);
		expect(await track(ids, 'finished')).toEqual([]);

		panel.advance(20_000);
		const more = await placeOrders(panel, 1);
		const firstFinish = await track([...ids, ...more], 'finished');
		expect(idsOf(firstFinish)).toEqual([...ids].sort());
		expect(firstFinish[0]).toMatchObject({ status: 'Completed', charge: expect.any(Number) });

		expect(await track([...ids, ...more], 'finished')).toEqual([]);
		panel.advance(20_000);
		expect(idsOf(await track([...ids, ...more], 'finished'))).toEqual(more);
		expect(await track([...ids, ...more], 'finished')).toEqual([]);
	});

	test('a run from the editor shows what would come out and remembers nothing', async () => {
		const ids = await placeOrders(panel, 2);
		panel.advance(20_000);
		expect(idsOf(await track(ids, 'finished', { mode: 'manual' }))).toEqual([...ids].sort());
		expect(idsOf(await track(ids, 'finished', { mode: 'manual' }))).toEqual([...ids].sort());
		expect(idsOf(await track(ids, 'finished'))).toEqual([...ids].sort());
		expect(await track(ids, 'finished')).toEqual([]);
	});

	test('a run that cannot reach the panel remembers nothing, so the next good run reports everything', async () => {
		const ids = await placeOrders(panel, 2);
		panel.advance(20_000);
		panel.setFaults([{ kind: 'serverError', actions: ['status'] }]);
		const failed = await track(ids, 'finished', { continueOnFail: true });
		expect(failed.every((item) => item.error !== undefined)).toBe(true);
		panel.setFaults([]);
		expect(idsOf(await track(ids, 'finished'))).toEqual([...ids].sort());
	});

	test('each finished refill comes out once', async () => {
		const [orderId] = await placeOrders(panel, 1);
		panel.advance(20_000);
		const { refill } = (await panelCall(panel, { action: 'refill', order: orderId })) as { refill: number };
		expect(await track([String(refill)], 'finished', { resource: 'refill' })).toEqual([]);
		panel.advance(10_000);
		expect(await track([String(refill)], 'finished', { resource: 'refill' })).toEqual([
			expect.objectContaining({ refill: Number(refill), status: 'Completed' }),
		]);
		expect(await track([String(refill)], 'finished', { resource: 'refill' })).toEqual([]);
	});
});

describe('Changes', () => {
	test('the first run reports every id, then only ids whose status changed', async () => {
		const ids = await placeOrders(panel, 2);
		expect((await track(ids, 'changes')).map((item) => item.status)).toEqual(['Pending', 'Pending']);
		expect(await track(ids, 'changes')).toEqual([]);

		panel.advance(3_000);
		expect((await track(ids, 'changes')).map((item) => item.status)).toEqual(['In progress', 'In progress']);
		const late = await placeOrders(panel, 1);
		expect(idsOf(await track([...ids, ...late], 'changes'))).toEqual(late);
		panel.advance(20_000);
		expect(idsOf(await track([...ids, ...late], 'changes'))).toEqual([...ids, ...late].sort());
		expect(await track([...ids, ...late], 'changes')).toEqual([]);
	});

	test("an id the panel does not know is reported once with the panel's error", async () => {
		const unknown = await track(['999999'], 'changes');
		expect(unknown).toEqual([expect.objectContaining({ order: 999999, error: expect.any(String) })]);
		expect(await track(['999999'], 'changes')).toEqual([]);
	});
});

test('All, the default, reports every id every run', async () => {
	const ids = await placeOrders(panel, 2);
	expect(idsOf(await track(ids, 'all'))).toEqual([...ids].sort());
	expect(idsOf(await track(ids, 'all'))).toEqual([...ids].sort());
});

test('bad input in one item still comes out, and does not hide the others', async () => {
	const ids = await placeOrders(panel, 1);
	panel.advance(20_000);
	const items = await track([...ids, 'not an id!'], 'finished', { continueOnFail: true });
	expect(items).toEqual([expect.objectContaining({ order: Number(ids[0]) }), expect.objectContaining({ error: expect.stringContaining('is not an id') })]);
});

test('the store stays small: about 30 bytes per finished order, and bounded', async () => {
	const ids = await placeOrders(panel, 200);
	panel.advance(20_000);
	const before = await storeBytes();
	expect(await track(ids, 'finished')).toHaveLength(200);
	const bytesPerOrder = ((await storeBytes()) - before) / 200;
	expect(bytesPerOrder).toBeGreaterThan(20);
	expect(bytesPerOrder).toBeLessThan(35);
	expect(STORE_MAX_ENTRIES).toBe(50_000);
});
