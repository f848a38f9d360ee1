/**
 * Every operation as an AI agent's tool, run the way n8n runs one: n8n-core wraps the tool node
 * for the agent, and each call runs the node type's declarative engine (RoutingNode) with the
 * call's arguments filling in the `$fromAI(...)` parameters. Against the demo panel.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { type ToolPath, type ToolRun, runTool } from '../../demo/engine';
import { CATALOG, type DemoPanel } from '../../demo/panel';
import { ORDER_TYPES, type OrderFieldName } from '../../nodes/SmmPanel/resources/order/orderTypes';
import { frozenPanel, panelNode, placeOrders } from '../helpers/demoPanel';

const API_KEY = 'tool-test-key-5f3a9c1e77';

let panel: DemoPanel;
beforeEach(async () => {
	panel = await frozenPanel({ apiKey: API_KEY });
});
afterEach(async () => await panel.close());

const fromAI = (key: string, description: string, type = 'string') => `={{ $fromAI('${key}', '${description}', '${type}') }}`;

interface ToolOptions {
	executionId?: string;
	continueOnFail?: boolean;
	via?: ToolPath;
}

async function runAsTool(parameters: INodeParameters, calls: IDataObject[], options: ToolOptions = {}): Promise<ToolRun> {
	const run = await runTool({
		...panelNode(panel),
		parameters,
		calls,
		executionId: options.executionId ?? 'execution-1',
		continueOnFail: options.continueOnFail,
		via: options.via,
	});
	for (const answer of run.answers) expect(JSON.stringify(answer)).not.toContain(API_KEY);
	return run;
}

/** The tool's JSON answer of call `index`. */
function answerOf(run: ToolRun, index = 0): IDataObject[] {
	const { text, error } = run.answers[index];
	if (text === undefined) throw new Error(`call ${index} failed: ${error}`);
	return JSON.parse(text) as IDataObject[];
}

const ORDER_IDS = { resource: 'order', operation: 'getMany', orderIds: fromAI('orderIds', 'Order IDs separated by commas') };


/** What an agent would give for each field of a service, within the service's limits. */
function sampleArguments(fields: OrderFieldName[], service: (typeof CATALOG)[number]): IDataObject {
	const min = Math.max(1, Number(service.min));
	const lines = (count: number, line: (index: number) => string) => Array.from({ length: count }, (_, index) => line(index + 1)).join('\n');
	const values: Record<OrderFieldName, string | number> = {
		link: `https://www.instagram.com/p/tool-${service.service}/`,
		quantity: min,
		keywords: 'best pizza\npizza near me',
		comments: lines(min, (index) => `Comment ${index}`),
		// Without a quantity, the number of usernames is what the service's limits apply to.
		usernames: lines(fields.includes('quantity') ? 2 : min, (index) => `user${index}`),
		hashtags: '#summer\n#travel',
		hashtag: '#travel',
		username: 'natgeo',
		media: 'https://www.instagram.com/p/media/',
		answerNumber: 1,
		groups: 'https://t.me/group_a\nhttps://t.me/group_b',
		min,
		max: min,
		delay: 0,
		country: 'US',
		device: 1,
		typeOfTraffic: 3,
	};
	return Object.fromEntries(fields.map((field) => [field, values[field]]));
}

// n8n's two ways to run a tool: the tool's `invoke` (MCP Server Trigger, agents before 2.x) and
// an engine request (n8n 2.x's AI Agent), which runs the tool node as a normal node.
describe.each(['invoke', 'engine'] as const)('called via %s', (via) => {
	const tool = async (parameters: INodeParameters, calls: IDataObject[], options: ToolOptions = {}) => await runAsTool(parameters, calls, { ...options, via });

	describe('reads', () => {
		test('the service list, filtered by what the agent asks for', async () => {
			const run = await tool(
				{ resource: 'service', operation: 'getAll', additionalFields: { name: fromAI('name', 'Words in the service name') } },
				[{ name: 'tiktok views' }],
			);
			expect(run.description).toBe('Get many services to find a service ID with its type and rate per 1000 and quantity limits in SMM Panel');
			const tiktokViews = CATALOG.filter((service) => /tiktok views/i.test(service.name)).map((service) => service.service);
			expect(answerOf(run).map((service) => service.service)).toEqual(tiktokViews);
			expect(answerOf(run)[0]).toMatchObject({ rate: 0.02, min: 100, type: 'Default', orderType: 'default' });
		});

		test('the balance', async () => {
			const run = await tool({ resource: 'account', operation: 'getBalance' }, [{}]);
			expect(answerOf(run)).toEqual([{ balance: 1000, currency: 'USD' }]);
		});

		test('order statuses for ids given as text, one answer per id, the unknown one with its error', async () => {
			const ids = await placeOrders(panel, 3);
			const run = await tool(ORDER_IDS, [{ orderIds: `${ids.join(', ')} 999999` }]);
			expect(run.argumentNames).toEqual(['orderIds']);
			expect(run.description).toBe('Get many orders status from a list of order ID numbers separated by commas in SMM Panel');
			expect(answerOf(run)).toEqual([
				...ids.map((id) => expect.objectContaining({ order: Number(id), status: 'Pending', charge: 0.09, remains: 100 })),
				{ order: 999999, error: 'Incorrect order ID' },
			]);
			expect(panel.stats.byAction.status).toBe(1);
		});

		test('150 ids in one call go out as two requests of at most 100', async () => {
			const ids = await placeOrders(panel, 150);
			const run = await tool(ORDER_IDS, [{ orderIds: ids.join(',') }]);
			expect(answerOf(run)).toHaveLength(150);
			expect(panel.stats.byAction.status).toBe(2);
		});

		test('one order\'s status', async () => {
			const [id] = await placeOrders(panel, 1);
			const run = await tool({ resource: 'order', operation: 'get', orderId: fromAI('orderId', 'The order ID') }, [{ orderId: id }]);
			expect(answerOf(run)).toEqual([expect.objectContaining({ order: Number(id), status: 'Pending', currency: 'USD' })]);
		});
	});

	describe('refills and cancels', () => {
		test('cancel, refill, and the refill\'s status', async () => {
			const ids = await placeOrders(panel, 2);
			const cancel = await tool({ resource: 'order', operation: 'cancel', orderIds: fromAI('orderIds', 'Order IDs') }, [{ orderIds: ids[0] }]);
			expect(answerOf(cancel)).toEqual([{ order: Number(ids[0]), cancel: true }]);

			panel.advance(24 * 60 * 60 * 1000);
			const refill = await tool({ resource: 'refill', operation: 'create', orderIds: fromAI('orderIds', 'Order IDs') }, [{ orderIds: ids[1] }]);
			const [created] = answerOf(refill);
			expect(created).toEqual({ order: Number(ids[1]), refill: expect.anything() });

			const one = await tool({ resource: 'refill', operation: 'get', refillId: fromAI('refillId', 'The refill ID') }, [{ refillId: String(created.refill) }]);
			expect(answerOf(one)).toEqual([expect.objectContaining({ refill: Number(created.refill), status: 'Pending' })]);
			const many = await tool({ resource: 'refill', operation: 'getMany', refillIds: fromAI('refillIds', 'Refill IDs') }, [{ refillIds: `${created.refill}, 424242` }]);
			expect(answerOf(many)).toEqual([
				expect.objectContaining({ refill: Number(created.refill), status: 'Pending' }),
				expect.objectContaining({ refill: 424242, error: expect.any(String) }),
			]);
		});
	});

	describe('order create', () => {
		test.each(ORDER_TYPES.map((type) => [type.value, type] as const))('%s: the agent fills in the type\'s fields and the order is placed', async (_, orderType) => {
			const service = CATALOG.find((entry) => entry.type.toLowerCase() === orderType.panelType.toLowerCase())!;
			const numeric = ['quantity', 'answerNumber', 'min', 'max', 'delay', 'device', 'typeOfTraffic'];
			const parameters: INodeParameters = {
				resource: 'order',
				operation: 'create',
				service: { __rl: true, mode: 'id', value: fromAI('service', 'The service ID', 'number') },
				orderType: orderType.value,
				...Object.fromEntries(orderType.fields.map((field) => [field, fromAI(field, `The ${field}`, numeric.includes(field) ? 'number' : 'string')])),
			};
			const run = await tool(parameters, [{ service: service.service, ...sampleArguments(orderType.fields, service) }]);
			expect(run.description).toBe('Create an order for a link with a service ID and quantity in SMM Panel');
			expect(answerOf(run)).toEqual([expect.objectContaining({ order: expect.any(Number), service: String(service.service), orderType: orderType.value })]);
			expect(panel.stats.ordersPlaced).toBe(1);
		});

		const FOLLOWERS: INodeParameters = {
			resource: 'order',
			operation: 'create',
			service: { __rl: true, mode: 'id', value: fromAI('service', 'The service ID', 'number') },
			orderType: 'default',
			link: fromAI('link', 'The post or profile URL'),
			quantity: fromAI('quantity', 'How many', 'number'),
		};

		test('the panel\'s errors come back as short text the agent can act on', async () => {
			panel.setOptions({ balance: 0.01 });
			const run = await tool(FOLLOWERS, [
				{ service: 1, link: 'https://instagram.com/a', quantity: 1000 },
				{ service: 999, link: 'https://instagram.com/a', quantity: 1000 },
				{ service: 1, link: 'https://instagram.com/a', quantity: 5 },
				{ service: 1, link: 'not a link', quantity: 100 },
			]);
			expect(run.answers.map((answer) => answer.error)).toEqual([
				expect.stringMatching(/^Not enough funds on balance\. Top up your balance on the panel, or order a smaller quantity\.$/),
				expect.stringMatching(/service.*\. Pick the service again/i),
				expect.stringMatching(/min.*\. Raise the quantity to at least the service's minimum/i),
				expect.stringMatching(/^link: "not a link" is not a URL \(item 0\)\. Use the full address/),
			]);
			expect(panel.stats.ordersPlaced).toBe(0);
		});

		test('with "Continue On Fail" an error is an answer with error and description', async () => {
			panel.setOptions({ balance: 0.01 });
			const run = await tool(FOLLOWERS, [{ service: 1, link: 'https://instagram.com/a', quantity: 1000 }], { continueOnFail: true });
			expect(answerOf(run)).toEqual([{ error: 'Not enough funds on balance', description: expect.stringMatching(/Top up/) }]);
		});
	});
});
