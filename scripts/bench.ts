/**
 * npm run bench: what batching, the trigger's state and adaptive pacing cost, against the demo
 * panel with 20 ms of latency, for our node and for the per-item flow a user would build.
 *
 *   npm run bench                      every section; paced orders at 10 requests/s only (about 7 minutes)
 *   npm run bench -- --full            paced orders at 5, 10 and 20 requests/s (about 22 minutes)
 *   npm run bench -- --only=pacing,reads   some sections: reads, trigger, pacing, slow, getmany, race
 *   npm run bench -- --only=pacing --rates=20 --styles=plain   some limits and panel styles
 * BENCH_BASELINE=<dir with an older build in dist/> adds that build to the slow-panel run.
 */
import type { IDataObject, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';

import { createPoller, runNode } from '../demo/engine';
import { RATE_LIMIT_STYLES, type RateLimitStyle } from '../demo/panel';
import { builtPackage, packageAt } from './lib/built';
import { PanelProcess } from './lib/panelProcess';
import { perItemRequestNode } from './lib/perItemNode';
import { seconds, table } from './lib/table';

const LATENCY_MS = 20;
const SIZES = [100, 1_000, 10_000];
const PACED_ORDERS = 1_000;
const READ_RATE = 10;
const SLOW_LATENCY_MS = 200;
const SLOW_ORDERS = 500;
const SLOW_WARM_UP_ORDERS = 50;
/** Order → Create's default "Requests in Flight". */
const DEFAULT_ORDERS_IN_FLIGHT = 2;
const STYLE_LABELS: Record<RateLimitStyle, string> = {
	bucket: 'token bucket, Retry-After',
	window: 'fixed window, X-RateLimit-*',
	plain: 'rolling window, bare 429',
};

const args = process.argv.slice(2);
const listArg = (name: string) => args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3).split(',');
/** A mistyped flag stops the run with one line, before a long bench measures the wrong thing. */
function badFlag(message: string): never {
	console.error(`npm run bench: ${message}`);
	process.exit(2);
}
const SECTIONS = ['reads', 'trigger', 'pacing', 'slow', 'getmany', 'race'] as const;
type Section = (typeof SECTIONS)[number];
const only = listArg('only')?.map((section) => {
	if (!(SECTIONS as readonly string[]).includes(section)) badFlag(`--only: "${section}" is not one of ${SECTIONS.join(', ')}`);
	return section as Section;
});
const wanted = (section: Section) => only === undefined || only.includes(section);
const styles = (listArg('styles') ?? RATE_LIMIT_STYLES).map((style) => {
	if (!(RATE_LIMIT_STYLES as readonly string[]).includes(style)) badFlag(`--styles: "${style}" is not one of ${RATE_LIMIT_STYLES.join(', ')}`);
	return style as RateLimitStyle;
});
const rates = (listArg('rates') ?? (args.includes('--full') ? ['5', '10', '20'] : ['10'])).map((rate) => {
	if (!(Number(rate) > 0)) badFlag(`--rates: "${rate}" is not a number of requests per second`);
	return Number(rate);
});

interface Measured {
	requests: number;
	ms: number;
	items: INodeExecutionData[];
}

async function measure(panel: PanelProcess, node: INodeType, parameters: INodeParameters, items: IDataObject[], workflowId?: string): Promise<Measured> {
	const before = (await panel.stats()).requests;
	const started = performance.now();
	const run = await runNode({
		node,
		credentialType: builtPackage.credential(),
		credentials: { url: panel.url, apiKey: panel.apiKey },
		parameters,
		items,
		continueOnFail: true,
		workflowId,
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

const CREATE: INodeParameters = {
	resource: 'order',
	operation: 'create',
	service: { __rl: true, mode: 'id', value: '1' },
	orderType: 'default',
	link: '={{ $json.link }}',
	quantity: 100,
};

let runs = 0;

/** `count` orders with the defaults, and what the panel saw: requests, refusals, orders taken per link. */
async function placeOrders(panel: PanelProcess, count: number) {
	const tag = `bench${++runs}-${Date.now()}`;
	const items = Array.from({ length: count }, (_, index) => ({ link: `https://instagram.com/p/${tag}-${index}` }));
	const refusedBefore = (await panel.stats()).rateLimited;
	const run = await measure(panel, builtPackage.node(), CREATE, items);
	const stats = await panel.stats();
	const taken = Object.entries(stats.addsByLink).filter(([link]) => link.includes(`/${tag}-`));
	return {
		...run,
		refused: stats.rateLimited - refusedBefore,
		failed: run.items.filter((item) => item.json.error !== undefined || item.error !== undefined).length,
		takenOnce: taken.length === count && taken.every(([, times]) => times === 1),
	};
}

const ratio = (value: number) => `${value.toFixed(3)}x`;
const verdict = (ok: boolean) => (ok ? 'yes' : 'NO');

/** 1,000 orders against a panel limited to `rate` requests/s in each style, with the defaults. */
async function pacedOrders(panel: PanelProcess, rates: number[]): Promise<string> {
	const rows: Array<Array<string | number>> = [];
	for (const rate of rates) {
		for (const style of styles) {
			await panel.setOptions({ rateLimitPerSecond: rate, rateLimitStyle: style, latencyMs: LATENCY_MS });
			const run = await placeOrders(panel, PACED_ORDERS);
			const ideal = (PACED_ORDERS / rate) * 1000;
			const ok = run.ms <= ideal * 1.05 && run.requests <= PACED_ORDERS * 1.03 && run.failed === 0 && run.takenOnce;
			rows.push([`${rate}/s`, STYLE_LABELS[style], seconds(ideal), seconds(run.ms), ratio(run.ms / ideal), run.requests.toLocaleString('en-US'), ratio(run.requests / PACED_ORDERS), run.refused, run.failed, verdict(run.takenOnce), verdict(ok)]);
			console.log(`  ${rows.at(-1)!.join('  ')}`);
		}
	}
	await panel.setOptions({ rateLimitPerSecond: 0 });
	return table(['limit', 'panel style', 'N / rate', 'time', 'time ratio', 'requests', 'requests ratio', 'refused', 'failed', 'each taken once', 'target met'], rows);
}

/** Orders against a slow panel with no limit: the pacer must cost nothing. */
async function slowPanelOrders(panel: PanelProcess): Promise<string> {
	await panel.setOptions({ rateLimitPerSecond: 0, latencyMs: SLOW_LATENCY_MS });
	const bound = (SLOW_ORDERS * SLOW_LATENCY_MS) / DEFAULT_ORDERS_IN_FLIGHT;
	const packages: Array<[string, typeof builtPackage]> = [['this version', builtPackage]];
	if (process.env.BENCH_BASELINE) packages.push([`baseline (${process.env.BENCH_BASELINE})`, packageAt(process.env.BENCH_BASELINE)]);
	const orders = (count: number) => Array.from({ length: count }, (_, index) => ({ link: `https://instagram.com/p/slow${++runs}-${index}` }));
	// A short run of each first: the first run in a process is slower (code not yet optimised).
	for (const [, build] of packages) await measure(panel, build.node(), CREATE, orders(SLOW_WARM_UP_ORDERS));
	// With a baseline, each runs twice in the order A B B A, so neither gains from going second.
	const order = packages.length > 1 ? [...packages, ...[...packages].reverse()] : packages;
	const times = new Map<string, number[]>();
	for (const [label, build] of order) {
		const run = await measure(panel, build.node(), CREATE, orders(SLOW_ORDERS));
		times.set(label, [...(times.get(label) ?? []), run.ms]);
	}
	const rows = [...times].map(([label, runTimes]) => {
		const mean = runTimes.reduce((sum, ms) => sum + ms, 0) / runTimes.length;
		return [label, runTimes.map((ms) => seconds(ms)).join(', '), seconds(mean), ratio(mean / bound)];
	});
	await panel.setOptions({ latencyMs: LATENCY_MS });
	return table([`${SLOW_ORDERS} orders, ${SLOW_LATENCY_MS} ms latency, no limit`, 'runs', 'mean time', `vs ${DEFAULT_ORDERS_IN_FLIGHT} in flight unpaced (${seconds(bound)})`], rows);
}

/** Get Many of 10,000 ids (100 requests) against a 10 requests/s panel in each style. */
async function pacedReads(panel: PanelProcess, ids: string[]): Promise<string> {
	const rows: Array<Array<string | number>> = [];
	const batches = Math.ceil(ids.length / 100);
	const ideal = (batches / READ_RATE) * 1000;
	for (const style of styles) {
		await panel.setOptions({ rateLimitPerSecond: READ_RATE, rateLimitStyle: style, latencyMs: LATENCY_MS });
		const refusedBefore = (await panel.stats()).rateLimited;
		const run = await measure(panel, builtPackage.node(), { resource: 'order', operation: 'getMany', orderIds: ids.join(',') }, [{}]);
		const refused = (await panel.stats()).rateLimited - refusedBefore;
		const failed = run.items.filter((item) => item.json.error !== undefined).length;
		const ok = run.ms <= ideal * 1.05 && run.requests <= batches * 1.03 && failed === 0 && run.items.length === ids.length;
		rows.push([STYLE_LABELS[style], run.items.length.toLocaleString('en-US'), run.requests, refused, seconds(run.ms), ratio(run.ms / ideal), verdict(ok)]);
	}
	await panel.setOptions({ rateLimitPerSecond: 0 });
	return table([`Get Many of ${ids.length.toLocaleString('en-US')} ids, ${READ_RATE} requests/s`, 'results', 'requests', 'refused', 'time', `vs ${seconds(ideal)}`, 'target met'], rows);
}

const RACE_ORDERS = 100;

/**
 * 100 orders against a panel that loses one answer of two overlapping orders (and takes both),
 * with the defaults: a first run, the next one (which knows the panel), and one at a time for comparison.
 */
async function overlappingOrders(panel: PanelProcess): Promise<string> {
	await panel.setOptions({ rateLimitPerSecond: 0, latencyMs: LATENCY_MS, overlappingAdds: 'loseAnswer' });
	const workflowId = `race-${Date.now()}`;
	const runsToMeasure: Array<[string, IDataObject, string]> = [
		['first run, defaults', {}, workflowId],
		['next run, defaults', {}, workflowId],
		['Requests in Flight 1', { requestsInFlight: 1 }, `${workflowId}-one`],
	];
	const rows: Array<Array<string | number>> = [];
	for (const [label, additionalFields, id] of runsToMeasure) {
		const tag = `race${++runs}-${Date.now()}`;
		const items = Array.from({ length: RACE_ORDERS }, (_, index) => ({ link: `https://instagram.com/p/${tag}-${index}` }));
		const run = await measure(panel, builtPackage.node(), { ...CREATE, additionalFields: additionalFields as INodeParameters }, items, id);
		const taken = Object.entries((await panel.stats()).addsByLink).filter(([link]) => link.includes(`/${tag}-`));
		const inDoubt = run.items.filter((item) => item.json.error !== undefined).length;
		rows.push([label, inDoubt, seconds(run.ms), run.requests, verdict(taken.length === RACE_ORDERS && taken.every(([, times]) => times === 1))]);
	}
	await panel.setOptions({ overlappingAdds: 'take' });
	return table([`${RACE_ORDERS} orders, ${LATENCY_MS} ms latency, overlapping orders lose an answer`, 'in doubt', 'time', 'requests', 'each taken once'], rows);
}

async function main() {
	const panel = await PanelProcess.start({ balance: 1_000_000_000, timeScale: 0 });
	try {
		console.log(`Demo panel ${panel.url}, ${LATENCY_MS} ms latency per request.`);
		let ids: string[] = [];
		if (wanted('reads') || wanted('trigger') || wanted('getmany')) {
			console.log(`Placing ${SIZES.at(-1)!.toLocaleString('en-US')} orders to read back...`);
			ids = await panel.seed(SIZES.at(-1)!);
		}
		await panel.setOptions({ latencyMs: LATENCY_MS });

		if (wanted('reads')) {
			console.log('\nOrder status for N ids, one id per input item (Order → Get):\n');
			console.log(await bulkReads(panel, ids));
		}
		if (wanted('trigger')) {
			console.log('\nSMM Panel Trigger, Order Finished:\n');
			console.log(await triggerPoll(panel, ids));
		}
		if (wanted('getmany')) {
			console.log('\nReads against a rate-limited panel, with the defaults (Order → Get Many):\n');
			console.log(await pacedReads(panel, ids));
		}
		if (wanted('slow')) {
			console.log('\nOrders against a slow panel with no limit, with the defaults (Order → Create):\n');
			console.log(await slowPanelOrders(panel));
		}
		if (wanted('race')) {
			console.log('\nOrders against a panel that loses one answer of two overlapping orders (Order → Create):\n');
			console.log(await overlappingOrders(panel));
		}
		if (wanted('pacing')) {
			console.log(`\n${PACED_ORDERS.toLocaleString('en-US')} orders against rate-limited panels, with the defaults (Order → Create):\n`);
			console.log(await pacedOrders(panel, rates));
		}
	} finally {
		panel.stop();
	}
}

main().catch((error: Error) => {
	console.error(error);
	process.exit(1);
});
