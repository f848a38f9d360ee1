/**
 * Every refusal reaches the agent as its tool answer. From AI Agent v3 on, n8n's engine runs the
 * tool node itself: a tool node that fails there stops the whole workflow on n8n 1.x (On Error left
 * as it is), so there the node answers with the error instead of failing. The README's recipe: a
 * Default order with Max Charge Per Order 1 and Allowed Services "1, 4", On Error left as it is.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { type ToolPath, type ToolRun, runTool } from '../../demo/engine';
import type { DemoPanel } from '../../demo/panel';
import { frozenPanel, panelNode } from '../helpers/demoPanel';

let panel: DemoPanel;
beforeEach(async () => {
	panel = await frozenPanel();
});
afterEach(async () => await panel.close());

const fromAI = (key: string, type = 'string') => `={{ $fromAI('${key}', 'The ${key}', '${type}') }}`;

const RECIPE_ORDER: INodeParameters = {
	resource: 'order',
	operation: 'create',
	service: { __rl: true, mode: 'id', value: fromAI('service', 'number') },
	orderType: 'default',
	link: fromAI('link'),
	quantity: fromAI('quantity', 'number'),
	additionalFields: { maxChargePerOrder: 1, allowedServices: '1, 4' },
};

interface Extra {
	onError?: 'stopWorkflow';
	apiKey?: string;
	/** As n8n 2.x's agents and chat run a tool node: on its own, with no saved workflow and no execution. */
	standalone?: boolean;
	/** As n8n 2.x's MCP Server Trigger runs a tool call: in a saved workflow, with no execution id. */
	noExecutionId?: boolean;
}

async function tool(via: ToolPath, parameters: INodeParameters, calls: IDataObject[], extra: Extra = {}): Promise<ToolRun> {
	const node = panelNode(panel);
	return await runTool({
		...node,
		credentials: { ...node.credentials, apiKey: extra.apiKey ?? node.credentials.apiKey },
		parameters,
		calls,
		executionId: extra.standalone || extra.noExecutionId ? undefined : `refusals-${via}`,
		standalone: extra.standalone,
		via,
		onError: extra.onError,
	});
}

const order = (service: number, quantity: number, link = 'https://instagram.com/shop') => ({ service, link, quantity });

describe.each(['invoke', 'engine'] as const)('called via %s', (via) => {
	test('a service outside Allowed Services is refused by Allowed Services, before its type is looked at', async () => {
		const run = await tool(via, RECIPE_ORDER, [order(2, 100)]);
		expect(run.answers[0]).toEqual({ error: expect.stringMatching(/^Not placed: service 2 is not one of the Allowed Services \(1, 4\) \(item 0\)\. Order one of the allowed services\.$/) });
		expect(panel.stats.byAction.add).toBeUndefined();
	});

	test('an order over Max Charge Per Order is refused by it, and the agent is told what to do', async () => {
		const run = await tool(via, RECIPE_ORDER, [order(1, 10000)]);
		expect(run.answers[0]).toEqual({ error: expect.stringMatching(/^Not placed: its estimated charge of 9 is above the Max Charge Per Order of 1 \(item 0\)\. Order a smaller quantity/) });
		expect(panel.stats.byAction.add).toBeUndefined();
	});

	test('within the limits, a service of another type is refused naming the Order Type; too few lines name the lines', async () => {
		const parameters = { ...RECIPE_ORDER, additionalFields: { maxChargePerOrder: 1, allowedServices: '1, 2' } };
		const wrongType = await tool(via, parameters, [order(2, 20)]);
		expect(wrongType.answers[0].error).toMatch(/^orderType: service 2 is of type "Custom Comments", not "Default" \(item 0\)$/);
		const comments = await tool(
			via,
			{ ...parameters, orderType: 'customComments', comments: fromAI('comments') },
			[{ service: 2, link: 'https://instagram.com/p/1', comments: 'Nice\nGreat' }],
		);
		expect(comments.answers[0].error).toMatch(/^comments: 2 lines is below the service's minimum of 10 \(item 0\)$/);
		expect(panel.stats.byAction.add).toBeUndefined();
	});

	test("the model's bad input and a limit set with $fromAI come back as answers", async () => {
		const badLink = await tool(via, RECIPE_ORDER, [order(1, 100, 'not a link')]);
		expect(badLink.answers[0]).toEqual({ error: expect.stringMatching(/^link: "not a link" is not a URL \(item 0\)\. Use the full address/) });
		const ownLimit = await tool(via, { ...RECIPE_ORDER, additionalFields: { maxChargePerOrder: fromAI('limit', 'number') } }, [{ ...order(1, 100), limit: 1e6 }]);
		expect(ownLimit.answers[0]).toEqual({ error: expect.stringMatching(/^Max Charge Per Order uses \$fromAI[^]*Enter a fixed Max Charge Per Order/) });
		expect(panel.stats.byAction.add).toBeUndefined();
	});

	test("the panel's own refusals come back as answers: not enough funds, unknown service, quantity out of range", async () => {
		panel.setOptions({ balance: 0.01 });
		const run = await tool(via, { ...RECIPE_ORDER, additionalFields: {} }, [order(1, 1000), order(999, 1000), order(1, 5)]);
		expect(run.answers).toEqual([
			{ error: expect.stringMatching(/^Not enough funds on balance\. Top up/) },
			{ error: expect.stringMatching(/service.*\. Pick the service again/i) },
			{ error: expect.stringMatching(/min.*\. Raise the quantity/i) },
		]);
	});

	test('a failed read (balance with a wrong key) comes back as an answer', async () => {
		const run = await tool(via, { resource: 'account', operation: 'getBalance' }, [{}], { apiKey: 'not-the-key' });
		expect(run.answers).toEqual([{ error: expect.stringMatching(/key/i) }]);
	});
});

describe('as n8n\'s engine runs the tool for the AI Agent (v3 on n8n 1.x and 2.x)', () => {
	test('the tool node does not fail on a refusal, so n8n 1.x does not stop the workflow', async () => {
		const run = await tool('engine', RECIPE_ORDER, [order(2, 100), order(1, 10000), order(1, 100)]);
		expect(run.answers.map((answer) => answer.nodeFailed ?? false)).toEqual([false, false, false]);
		expect(run.answers[2].text).toContain('"order"');
		expect(run.run.data.resultData.error).toBeUndefined();
	});

	test('with On Error set to "Stop Workflow" on purpose, a refusal stops the workflow', async () => {
		await expect(tool('engine', RECIPE_ORDER, [order(2, 100)], { onError: 'stopWorkflow' })).rejects.toThrow(
			/^The agent did not run: Not placed: service 2 is not one of the Allowed Services/,
		);
		expect(panel.stats.byAction.add).toBeUndefined();
	});
});

describe('run on its own, outside a workflow and an execution (as n8n 2.x agents and chat run a tool)', () => {
	test('Max Spend Per Execution cannot add up the calls: orders are refused saying so and what to do; the other limits still work', async () => {
		const withSpend = { ...RECIPE_ORDER, additionalFields: { maxSpendPerExecution: 5 } };
		const run = await tool('invoke', withSpend, [order(1, 100)], { standalone: true });
		expect(run.answers[0].error).toMatch(/^Not placed: Max Spend Per Execution cannot be kept: n8n ran this tool on its own, outside a workflow and an execution[^]*\. Give the agent this tool through an AI Agent node/);
		const limited = await tool('invoke', RECIPE_ORDER, [order(1, 100), order(2, 100)], { standalone: true });
		expect(limited.answers[0].text).toContain('"order"');
		expect(limited.answers[1].error).toMatch(/Allowed Services/);
		expect(panel.stats.byAction.add).toBe(1);
	});

	test('behind n8n 2.x\'s MCP Server Trigger (a saved workflow, no execution id) Max Spend Per Execution holds per call', async () => {
		const withSpend = { ...RECIPE_ORDER, additionalFields: { maxSpendPerExecution: 1 } };
		const run = await tool('invoke', withSpend, [order(1, 1000), order(1, 2000)], { noExecutionId: true });
		expect(run.answers[0].text).toContain('"order"');
		expect(run.answers[1].error).toMatch(/^Not placed: its estimated charge of 1.8 would bring this execution's total to 1.8, above the Max Spend Per Execution of 1/);
	});
});
