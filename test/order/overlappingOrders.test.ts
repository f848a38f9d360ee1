/**
 * A panel that loses the answer of one of two overlapping orders (the race of a widely used PHP
 * panel script: it takes the order, answers HTTP 200 with nothing, and does not charge it).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../../demo/engine';
import type { DemoPanel, DemoPanelOptions } from '../../demo/panel';
import { frozenPanel, panelCall, panelNode } from '../helpers/demoPanel';

const FOLLOWERS: INodeParameters = {
	resource: 'order',
	operation: 'create',
	service: { __rl: true, mode: 'id', value: '1' },
	orderType: 'default',
	link: '={{ $json.link }}',
	quantity: 100,
};

const links = (count: number, tag: string): IDataObject[] =>
	Array.from({ length: count }, (_, index) => ({ link: `https://instagram.com/p/${tag}-${index}` }));

let panel: DemoPanel;
async function usePanel(options: DemoPanelOptions) {
	panel = await frozenPanel({ latencyMs: 20, ...options });
}
afterEach(async () => await panel.close());

/** 100 orders with the defaults, in a saved workflow: the node's memory is per workflow and node. */
async function bulk(workflowId: string, tag: string) {
	const run = await runNode({ ...panelNode(panel), parameters: FOLLOWERS, items: links(100, tag), continueOnFail: true, workflowId });
	const inDoubt = run.items.filter((item) => String(item.json.error ?? '').length > 0);
	return { run, inDoubt: inDoubt.length };
}

describe('orders on a panel that loses one answer of two overlapping orders', () => {
	test('the demo panel\'s race: both orders taken, one answered with an empty body and not charged', async () => {
		await usePanel({ overlappingAdds: 'loseAnswer' });
		const add = (link: string) =>
			fetch(panel.url, { method: 'POST', body: new URLSearchParams({ key: panel.apiKey, action: 'add', service: '1', link, quantity: '1000' }) });
		const answers = await Promise.all([add('https://x.example/a'), add('https://x.example/b')]);
		const bodies = await Promise.all(answers.map(async (answer) => [answer.status, await answer.text()]));
		expect(bodies.map(([status]) => status)).toEqual([200, 200]);
		expect(bodies.filter(([, body]) => body === '')).toHaveLength(1);
		expect(panel.stats.ordersPlaced).toBe(2);
		// 0.90 per 1000 charged once, from 1000.
		expect(await panelCall(panel, { action: 'balance' })).toEqual({ balance: '999.10000', currency: 'USD' });
	});

	test('with the defaults: at most 1 of 100 in doubt on a first run, 0 on the next; all 200 taken once', async () => {
		await usePanel({ overlappingAdds: 'loseAnswer' });
		const first = await bulk('race-first', 'first');
		expect(first.inDoubt).toBeLessThanOrEqual(1);
		const second = await bulk('race-first', 'second');
		expect(second.inDoubt).toBe(0);
		expect(panel.stats.ordersPlaced).toBe(200);
		expect(Object.values(panel.stats.addsByLink).every((times) => times === 1)).toBe(true);
	});

	test('the item in doubt says where to look on that panel, the output hint counts it, and it is not sent again', async () => {
		await usePanel({ overlappingAdds: 'loseAnswer' });
		const { run } = await bulk('race-doubt', 'doubt');
		const doubtful = run.items.filter((item) => item.json.error !== undefined);
		expect(doubtful).toHaveLength(1);
		expect(doubtful[0].json.uncertain).toBe(true);
		expect(doubtful[0].json.description).toMatch(/may have been placed/);
		expect(doubtful[0].json.description).toContain(`order list on ${new URL(panel.url).origin}`);
		const hints = run.run.data.resultData.runData['SMM Panel'][0].hints ?? [];
		expect(hints).toEqual([expect.objectContaining({ type: 'warning', message: expect.stringMatching(/^1 of 100 orders may have been placed/) })]);
		expect(panel.stats.byAction.add).toBe(100);
	});

	test('no hint when every answer came back', async () => {
		await usePanel({ overlappingAdds: 'take' });
		const { run } = await bulk('race-hintless', 'sure');
		expect(run.run.data.resultData.runData['SMM Panel'][0].hints ?? []).toEqual([]);
	});

	test('a panel that takes overlapping orders gets them 2 at a time from the second order on', async () => {
		await usePanel({ overlappingAdds: 'take' });
		const { inDoubt } = await bulk('race-none', 'fine');
		expect(inDoubt).toBe(0);
		expect(panel.stats.maxInFlight).toBe(2);
		// On the next run it is known: the first two go together.
		panel.stats.maxInFlight = 0;
		await runNode({ ...panelNode(panel), parameters: FOLLOWERS, items: links(2, 'known'), continueOnFail: true, workflowId: 'race-none' });
		expect(panel.stats.maxInFlight).toBe(2);
	});

	test('without "Continue On Fail", a refused first order on a panel not known yet stops the run before a second is sent', async () => {
		await usePanel({ overlappingAdds: 'take' });
		const run = await runNode({ ...panelNode(panel), parameters: { ...FOLLOWERS, quantity: 1 }, items: links(5, 'stop'), workflowId: 'race-stop' });
		expect(run.error?.message).toMatch(/min_quantity/);
		expect(panel.stats.byAction.add).toBe(1);
	});

	test('an unsaved workflow (no store) still leaves at most 1 in doubt', async () => {
		await usePanel({ overlappingAdds: 'loseAnswer' });
		const { inDoubt } = await bulk('', 'unsaved');
		expect(inDoubt).toBeLessThanOrEqual(1);
	});
});
