/**
 * npm run bench: what batching, paced ordering and the trigger's state cost, against the demo
 * panel with 20 ms of latency, for our node and for the per-item flow a user would build.
 */
import type { IDataObject, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';

import { createPoller, runNode } from '../demo/engine';
import { builtPackage } from './lib/built';
import { PanelProcess } from './lib/panelProcess';
import { perItemRequestNode } from './lib/perItemNode';
import { seconds, table } from './lib/table';

const LATENCY_MS = 20;
const SIZES = [100, 1_000, 10_000];

interface Measured {
	requests: number;
	ms: number;
	items: INodeExecutionData[];
}

async function measure(panel: PanelProcess, node: INodeType, parameters: INodeParameters, items: IDataObject[]): Promise<Measured> {
	const before = (await panel.stats()).requests;
	const started = performance.now();
	const run = await runNode({
		node,
		credentialType: builtPackage.credential(),
		credentials: { url: panel.url, apiKey: panel.apiKey },
		parameters,
		items,
		continueOnFail: true,
	});
	const ms = performance.now() - started;
	return { requests: (await panel.stats()).requests - before, ms, items: run.items };
}

async function bulkReads(panel: PanelProcess, ids: string[]): Promise<string> {
	const rows: Array<Array<string | number>> = [];
	for (const size of SIZES) {
		const items = ids.slice(0, size).map((id) => ({ id }));
		const ours = await measure(panel, builtPackage.node(), { resource: 'order', operation: 'get', orderId: '={{ $json.id }}' }, items);
		const perItem = await measure(panel, perItemRequestNode({ action: 'status', order: '={{ $json.id }}' }), {}, items);
		const failed = (run: Measured) => run.items.filter((item) => item.json.error !== undefined).length;
		rows.push([
			size.toLocaleString('en-US'),
			ours.requests,
			seconds(ours.ms),
			failed(ours),
			perItem.requests.toLocaleString('en-US'),
			seconds(perItem.ms),
			failed(perItem),
			`${(perItem.requests / ours.requests).toFixed(0)}x`,
			`${(perItem.ms / ours.ms).toFixed(1)}x`,
		]);
	}
	return table(
		['ids', 'ours: requests', 'ours: time', 'failed', 'per item: requests', 'per item: time', 'failed', 'fewer requests', 'faster'],
		rows,
	);
}

async function triggerPoll(panel: PanelProcess, ids: string[]): Promise<string> {
	const trigger = createPoller({
		node: builtPackage.trigger(),
		credentialType: builtPackage.credential(),
		credentials: { url: panel.url, apiKey: panel.apiKey },
		parameters: { event: 'orderFinished', orderIds: ids.join(',') },
	});
	const rows: Array<Array<string | number>> = [];
	for (const label of ['first poll (orders in progress)', 'after all finished']) {
		if (label.startsWith('after')) await panel.advance(60_000);
		const before = (await panel.stats()).requests;
		const started = performance.now();
		const emitted = (await trigger.poll()) ?? [];
		const ms = performance.now() - started;
		const bytes = JSON.stringify(trigger.staticData).length;
		rows.push([label, (await panel.stats()).requests - before, seconds(ms), emitted.length, (bytes / ids.length).toFixed(1)]);
	}
	return table(['poll over 10,000 watched orders', 'requests', 'time', 'emitted', 'state bytes / order'], rows);
}

async function pacedOrders(panel: PanelProcess): Promise<string> {
	await panel.setOptions({ rateLimitPerSecond: 10, latencyMs: LATENCY_MS });
	const items = Array.from({ length: 1_000 }, (_, index) => ({ link: `https://instagram.com/p/bench${index}-${Date.now()}` }));
	const rows: Array<Array<string | number>> = [];
	const runs: Array<[string, INodeType, INodeParameters]> = [
		[
			'SMM Panel node (2 in flight, waits out 429s)',
			builtPackage.node(),
			{ resource: 'order', operation: 'create', service: { __rl: true, mode: 'id', value: '1' }, orderType: 'default', link: '={{ $json.link }}', quantity: 100 },
		],
		['per item, engine default (all at once)', perItemRequestNode({ action: 'add', service: '1', link: '={{ $json.link }}x', quantity: '100' }), {}],
	];
	for (const [label, node, parameters] of runs) {
		const placedBefore = (await panel.stats()).ordersPlaced;
		const run = await measure(panel, node, parameters, items);
		const placed = (await panel.stats()).ordersPlaced - placedBefore;
		const failed = run.items.filter((item) => item.json.error !== undefined || item.error !== undefined).length;
		rows.push([label, placed, failed, run.requests, seconds(run.ms)]);
	}
	await panel.setOptions({ rateLimitPerSecond: undefined });
	return table(['1,000 orders, panel limited to 10 requests/s', 'placed', 'failed', 'requests', 'time'], rows);
}

async function main() {
	const panel = await PanelProcess.start({ balance: 1_000_000_000, timeScale: 0 });
	try {
		console.log(`Demo panel ${panel.url}, ${LATENCY_MS} ms latency per request.\nPlacing ${SIZES.at(-1)!.toLocaleString('en-US')} orders to read back...`);
		const ids = await panel.seed(SIZES.at(-1)!);
		await panel.setOptions({ latencyMs: LATENCY_MS });

		console.log('\nOrder status for N ids, one id per input item (Order → Get):\n');
		console.log(await bulkReads(panel, ids));
		console.log('\nSMM Panel Trigger, Order Finished:\n');
		console.log(await triggerPoll(panel, ids));
		console.log('\nScheduled bulk ordering against a rate-limited panel (Order → Create):\n');
		console.log(await pacedOrders(panel));
	} finally {
		panel.stop();
	}
}

main().catch((error: Error) => {
	console.error(error);
	process.exit(1);
});
