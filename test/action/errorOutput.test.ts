/**
 * On Error → "Continue (using error output)": n8n routes an item to the node's error output only
 * when the item carries its error (and then keeps just the message as its json). Failed items must
 * come out there, paired to their input, not down the success branch where a workflow would treat
 * them as placed orders. Found under real n8n by the live-shop example.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { SmmPanelApi } from '../../credentials/SmmPanelApi.credentials';
import { type RunNodeOptions, runNode } from '../../demo/engine';
import type { DemoPanel } from '../../demo/panel';
import { SmmPanel } from '../../nodes/SmmPanel/SmmPanel.node';
import { frozenPanel } from '../helpers/demoPanel';

const ORDER: INodeParameters = {
	resource: 'order',
	operation: 'create',
	service: { __rl: true, mode: 'id', value: '1' },
	orderType: 'default',
	link: '={{ $json.link }}',
	quantity: '={{ $json.quantity }}',
	additionalFields: { idempotencyKey: '={{ $json.shopOrder }}' },
};

let panel: DemoPanel;
let runs = 0;
beforeEach(async () => (panel = await frozenPanel()));
afterEach(async () => await panel.close());

interface RunOptions {
	workflowId?: string;
	apiKey?: string;
	onError?: RunNodeOptions['onError'];
}

async function run(
	parameters: INodeParameters,
	items: IDataObject[],
	{ workflowId = `error-output-${(runs += 1)}`, apiKey = panel.apiKey, onError = 'continueErrorOutput' }: RunOptions = {},
) {
	return await runNode({
		node: new SmmPanel(),
		credentialType: new SmmPanelApi(),
		credentials: { url: panel.url, apiKey },
		parameters,
		items,
		continueOnFail: true,
		onError,
		mode: 'webhook',
		workflowId,
	});
}

test('orders placed go to the success output; refused, bad and already placed ones to the error output', async () => {
	const workflowId = 'error-output-shop';
	await run(ORDER, [{ shopOrder: 'A-1', link: 'https://instagram.com/a1', quantity: 100 }], { workflowId });

	const { items, errorItems } = await run(
		ORDER,
		[
			{ shopOrder: 'A-1', link: 'https://instagram.com/a1', quantity: 100 },
			{ shopOrder: 'A-2', link: 'https://instagram.com/a2', quantity: 100 },
			{ shopOrder: 'A-3', link: 'https://instagram.com/a3', quantity: 10 },
			{ shopOrder: 'A-4', link: '', quantity: 100 },
		],
		{ workflowId },
	);

	expect(items.map((item) => item.json)).toEqual([expect.objectContaining({ idempotencyKey: 'A-2', order: expect.anything() })]);
	expect(errorItems.map((item) => item.json)).toEqual([
		{ error: expect.stringContaining('Idempotency Key "A-1" was already placed by an earlier run') },
		{ error: expect.stringMatching(/min_quantity/) },
		{ error: expect.stringMatching(/^link: it is empty/) },
	]);
	expect(errorItems.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }, { item: 3 }]);
	expect(panel.stats.ordersPlaced).toBe(2);

	// The key refused by an earlier run is released only for refusals: a corrected A-3 is placed now.
	const retry = await run(ORDER, [{ shopOrder: 'A-3', link: 'https://instagram.com/a3', quantity: 100 }], { workflowId });
	expect(retry.items.map((item) => item.json)).toEqual([expect.objectContaining({ idempotencyKey: 'A-3' })]);
	expect(retry.errorItems).toEqual([]);
});

test('with On Error "Continue" (regular output), failed items keep the key and what to do', async () => {
	const options = { workflowId: 'regular-output-shop', onError: 'continueRegularOutput' } satisfies RunOptions;
	await run(ORDER, [{ shopOrder: 'B-1', link: 'https://instagram.com/b1', quantity: 100 }], options);
	const again = await run(ORDER, [{ shopOrder: 'B-1', link: 'https://instagram.com/b1', quantity: 100 }], options);
	expect(again.items.map((item) => item.json)).toEqual([
		{ idempotencyKey: 'B-1', error: expect.stringContaining('already placed'), description: expect.stringContaining('use a new key') },
	]);
});

test('a declarative read that fails (wrong key) goes to the error output', async () => {
	const { items, errorItems } = await run({ resource: 'account', operation: 'getBalance', additionalFields: {} }, [{}], { apiKey: 'not-the-key' });
	expect(items).toEqual([]);
	expect(errorItems.map((item) => item.json)).toEqual([{ error: expect.stringMatching(/invalid api key/i) }]);
});
