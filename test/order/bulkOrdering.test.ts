/**
 * Scheduled bulk ordering: many input items into Order → Create, against the demo panel.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { SmmPanelApi } from '../../credentials/SmmPanelApi.credentials';
import { runNode } from '../../demo/engine';
import type { DemoPanel, DemoPanelOptions } from '../../demo/panel';
import { SmmPanel } from '../../nodes/SmmPanel/SmmPanel.node';
import { frozenPanel } from '../helpers/demoPanel';

const links = (count: number, tag: string) => Array.from({ length: count }, (_, index) => ({ link: `https://instagram.com/p/${tag}-${index}`, quantity: 500 }));

/** Followers (service 1: 0.90 per 1000, min 50) for each item's link and quantity. */
const FOLLOWERS: INodeParameters = {
	resource: 'order',
	operation: 'create',
	service: { __rl: true, mode: 'list', value: '1' },
	orderType: 'default',
	link: '={{ $json.link }}',
	quantity: '={{ $json.quantity }}',
};

let panel: DemoPanel;
async function usePanel(options: DemoPanelOptions = {}) {
	panel = await frozenPanel(options);
}
afterEach(async () => await panel.close());

async function create(items: IDataObject[], additionalFields: IDataObject = {}, continueOnFail = true) {
	return await runNode({
		node: new SmmPanel(),
		credentialType: new SmmPanelApi(),
		credentials: { url: panel.url, apiKey: panel.apiKey },
		parameters: { ...FOLLOWERS, additionalFields: additionalFields as INodeParameters },
		items,
		continueOnFail,
	});
}

describe('pacing', () => {
	test('by default at most 2 orders are in flight, and the output keeps the input order', async () => {
		await usePanel({ latencyMs: 30 });
		const items = links(20, 'paced');
		const run = await create(items);
		expect(panel.stats.maxInFlight).toBe(2);
		expect(panel.stats.ordersPlaced).toBe(20);
		expect(run.items.map((item) => item.pairedItem)).toEqual(items.map((_, index) => ({ item: index })));
		// Each output item is its input item's order (the panel numbers orders as they arrive, so
		// with two in flight the ids need not rise with the items).
		expect(new Set(run.items.map((item) => item.json.order)).size).toBe(20);
	});

	test('"Requests in Flight" sets the limit', async () => {
		// Enough orders for the pacer's warm-up (one more in flight each quarter second) to reach it.
		await usePanel({ latencyMs: 100 });
		await create(links(40, 'five'), { requestsInFlight: 5 });
		expect(panel.stats.maxInFlight).toBe(5);
	});

	test('a pause between orders keeps a slow panel\'s rate limit from ever answering 429', async () => {
		await usePanel({ rateLimitPerSecond: 4 });
		const run = await create(links(6, 'pause'), { requestsInFlight: 1, pauseMs: 300 });
		expect(panel.stats.rateLimited).toBe(0);
		expect(run.items.every((item) => typeof item.json.order === 'number')).toBe(true);
	});

	test('against a rate-limited panel every order is placed, each exactly once', async () => {
		await usePanel({ rateLimitPerSecond: 10, latencyMs: 5 });
		const items = links(40, 'limited');
		const run = await create(items);
		expect(panel.stats.rateLimited).toBeGreaterThan(0); // the panel did push back
		expect(run.items.filter((item) => item.json.error !== undefined)).toEqual([]);
		expect(Object.values(panel.stats.addsByLink)).toEqual(items.map(() => 1));
	});
});

describe('Estimate Only', () => {
	test('places nothing and prices each item, saying whether it fits the service', async () => {
		await usePanel();
		const run = await create([{ link: 'https://instagram.com/p/a', quantity: 2000 }, { link: 'https://instagram.com/p/b', quantity: 10 }], { estimateOnly: true });
		expect(panel.stats.ordersPlaced).toBe(0);
		expect(panel.stats.byAction).toEqual({ services: 1 });
		expect(run.items.map((item) => item.json)).toEqual([
			expect.objectContaining({ service: '1', serviceName: 'Instagram Followers [Default]', type: 'Default', rate: 0.9, min: 50, max: 10000, quantity: 2000, estimatedCharge: 1.8, fits: true }),
			expect.objectContaining({ quantity: 10, estimatedCharge: 0.009, fits: false, problem: "quantity 10 is below the service's minimum of 50" }),
		]);
	});
});

describe('Stay Within Balance', () => {
	test('places orders in input order while the estimated total fits; the one that would overspend is not placed', async () => {
		await usePanel({ balance: 1 });
		const items = [...links(3, 'budget'), { link: 'https://instagram.com/p/budget-small', quantity: 50 }];
		const run = await create(items, { stayWithinBalance: true });
		const byItem = run.items.map((item) => item.json);
		expect(byItem[0].order).toEqual(expect.any(Number));
		expect(byItem[1].order).toEqual(expect.any(Number));
		expect(byItem[2].error).toMatch(/Not placed: its estimated charge of 0.45 would bring the total to 1.35, over the balance of 1 \(item 2\)/);
		expect(byItem[3].order).toEqual(expect.any(Number)); // 0.045 still fits
		expect(panel.stats.addsByLink['https://instagram.com/p/budget-2']).toBeUndefined();
		expect(panel.stats.ordersPlaced).toBe(3);
	});
});

describe('duplicate guard', () => {
	const items = [
		{ link: 'https://instagram.com/p/dup', quantity: 500 },
		{ link: 'https://instagram.com/p/other', quantity: 500 },
		{ link: 'https://instagram.com/p/dup', quantity: 500 },
	];

	test('the same service, link and quantity twice in one run is placed once; the second names the first', async () => {
		await usePanel();
		const run = await create(items);
		expect(panel.stats.addsByLink).toEqual({ 'https://instagram.com/p/dup': 1, 'https://instagram.com/p/other': 1 });
		expect(run.items[2].json.error).toMatch(/Duplicate of item 0/);
		expect(run.items[2].pairedItem).toEqual({ item: 2 });
	});

	test('without "Continue On Fail" a duplicate stops the node before any order is placed', async () => {
		await usePanel();
		const run = await create(items, {}, false);
		expect(run.error?.message).toMatch(/Duplicate of item 0/);
		expect(panel.stats.ordersPlaced).toBe(0);
	});

	test('"Allow Duplicates" places both', async () => {
		await usePanel();
		await create(items, { allowDuplicates: true });
		expect(panel.stats.addsByLink['https://instagram.com/p/dup']).toBe(2);
	});
});
