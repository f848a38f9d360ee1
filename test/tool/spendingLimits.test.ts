/**
 * Spending limits on Order → Create: refused orders never reach the panel, on both paths (a
 * workflow run with many items, and an agent's tool calls), and the agent cannot set them.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { type ToolPath, runNode, runTool } from '../../demo/engine';
import type { DemoPanel } from '../../demo/panel';
import { frozenPanel, panelNode } from '../helpers/demoPanel';

let panel: DemoPanel;
beforeEach(async () => {
	panel = await frozenPanel();
});
afterEach(async () => await panel.close());

/** Order → Create of a default order, each field (service, link, quantity) from the expression `from` gives. */
const defaultOrder = (from: (field: string) => string): INodeParameters => ({
	resource: 'order',
	operation: 'create',
	service: { __rl: true, mode: 'id', value: from('service') },
	orderType: 'default',
	link: from('link'),
	quantity: from('quantity'),
});

/** Service 1 costs 0.90 per 1000; service 4 costs 0.45 per 1000. */
const AGENT_ORDER = defaultOrder((field) => `={{ $fromAI('${field}', 'The ${field}', '${field === 'link' ? 'string' : 'number'}') }}`);

async function agentCalls(via: ToolPath, additionalFields: IDataObject, calls: IDataObject[], executionId = 'agent-run-1') {
	return await runTool({
		...panelNode(panel),
		parameters: { ...AGENT_ORDER, additionalFields: additionalFields as INodeParameters },
		calls,
		executionId,
		via,
	});
}

const order = (service: number, quantity: number, link = 'https://instagram.com/shop') => ({ service, link, quantity });

describe.each(['invoke', 'engine'] as const)('as a tool, called via %s', (via) => {
	test('Max Charge Per Order: an order above it is refused before sending, one below is placed', async () => {
		const run = await agentCalls(via, { maxChargePerOrder: 5 }, [order(1, 10000), order(1, 1000)]);
		expect(run.answers[0].error).toMatch(/^Not placed: its estimated charge of 9 is above the Max Charge Per Order of 5/);
		expect(JSON.parse(run.answers[1].text!)).toEqual([expect.objectContaining({ order: expect.any(Number) })]);
		expect(panel.stats.byAction.add).toBe(1);
	});

	test('Allowed Services: any other service is refused before sending', async () => {
		const run = await agentCalls(via, { allowedServices: '1, 3' }, [order(4, 1000), order(3, 1000)]);
		expect(run.answers[0].error).toMatch(/^Not placed: service 4 is not one of the Allowed Services \(1, 3\)/);
		expect(run.answers[1].text).toContain('"order"');
		expect(panel.stats.byAction.add).toBe(1);
	});

	test('Max Spend Per Execution holds across the tool calls of one agent run, and starts again in the next', async () => {
		const calls = [order(1, 1000, 'https://instagram.com/a'), order(1, 1000, 'https://instagram.com/b'), order(1, 1000, 'https://instagram.com/c')];
		const run = await agentCalls(via, { maxSpendPerExecution: 2 }, calls, `agent-run-spend-${via}`);
		expect(run.answers.map((answer) => (answer.error ? 'refused' : 'placed'))).toEqual(['placed', 'placed', 'refused']);
		expect(run.answers[2].error).toMatch(/would bring this execution's total to 2.7, above the Max Spend Per Execution of 2[\s\S]*0.2 is left/);
		expect(panel.stats.addsByLink).toEqual({ 'https://instagram.com/a': 1, 'https://instagram.com/b': 1 });

		const nextRun = await agentCalls(via, { maxSpendPerExecution: 2 }, [order(1, 1000, 'https://instagram.com/c')], `agent-run-next-${via}`);
		expect(nextRun.answers[0].text).toContain('"order"');
	});

	test.each(['maxChargePerOrder', 'maxSpendPerExecution', 'allowedServices'])('a %s from $fromAI: the node refuses to run and sends nothing', async (limit) => {
		const run = await agentCalls(via, { [limit]: `={{ $fromAI('${limit}', 'Limit', 'string') }}` }, [{ ...order(1, 1000), [limit]: '1000000' }]);
		expect(run.answers[0].error).toMatch(/uses \$fromAI, so the AI agent could set its own limit: nothing was ordered/);
		expect(panel.stats.requests).toBe(0);
	});

	test('the agent is asked only for the order, never for a limit', async () => {
		const run = await agentCalls(via, { maxChargePerOrder: 5, maxSpendPerExecution: 10, allowedServices: '1' }, [order(1, 1000)]);
		expect(run.argumentNames.sort()).toEqual(['link', 'quantity', 'service']);
	});
});

describe('in a workflow run', () => {
	const ROWS = defaultOrder((field) => `={{ $json.${field} }}`);
	const rows = (count: number, service = 1) => Array.from({ length: count }, (_, index) => order(service, 1000, `https://instagram.com/row${index}`));

	async function run(items: IDataObject[], additionalFields: IDataObject, continueOnFail = true) {
		return await runNode({
			...panelNode(panel),
			parameters: { ...ROWS, additionalFields: additionalFields as INodeParameters },
			items,
			continueOnFail,
		});
	}

	test('Max Spend Per Execution: rows in input order while the total fits; the rest are refused, paired to their items', async () => {
		const result = await run(rows(5), { maxSpendPerExecution: 2 });
		expect(result.items.map((item) => (item.json.order !== undefined ? 'placed' : 'refused'))).toEqual(['placed', 'placed', 'refused', 'refused', 'refused']);
		expect(result.items[3]).toEqual({ json: { error: expect.stringMatching(/Max Spend Per Execution of 2 \(item 3\)$/), description: expect.any(String) }, pairedItem: { item: 3 } });
		expect(panel.stats.ordersPlaced).toBe(2);
	});

	test('without "Continue On Fail" a refused row stops the node before any order is placed', async () => {
		const result = await run([...rows(2), order(4, 1000)], { allowedServices: '={{ [1, 3] }}' }, false);
		expect(result.error?.message).toMatch(/^Not placed: service 4 is not one of the Allowed Services \(1, 3\) \(item 2\)$/);
		expect(panel.stats.byAction.add).toBeUndefined();
	});

	test('Max Charge Per Order and Allowed Services together, each row judged on its own', async () => {
		const items = [order(1, 1000), order(1, 9000), order(5, 1000), order(3, 100)];
		const result = await run(items, { maxChargePerOrder: 1, allowedServices: '1 3' });
		expect(result.items.map((item) => item.json.error ?? 'placed')).toEqual([
			'placed',
			expect.stringMatching(/estimated charge of 8.1 is above the Max Charge Per Order of 1/),
			expect.stringMatching(/service 5 is not one of the Allowed Services/),
			'placed',
		]);
		expect(panel.stats.ordersPlaced).toBe(2);
	});

	test('an empty Allowed Services allows nothing', async () => {
		const result = await run(rows(1), { allowedServices: '' });
		expect(result.items[0].json.error).toMatch(/not one of the Allowed Services \(none\)/);
		expect(panel.stats.requests).toBe(0);
	});
});
