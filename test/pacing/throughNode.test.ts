/**
 * Adaptive pacing through n8n-core, against the demo panel's rate-limit styles: orders and the
 * batches of Get Many keep to the panel's pace, and each order is taken once. Small numbers;
 * a slower machine only sends more slowly, which these assertions allow.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { SmmPanelApi } from '../../credentials/SmmPanelApi.credentials';
import { runNode } from '../../demo/engine';
import type { DemoPanel, DemoPanelOptions } from '../../demo/panel';
import { SmmPanel } from '../../nodes/SmmPanel/SmmPanel.node';
import { frozenPanel, placeOrders } from '../helpers/demoPanel';

let panel: DemoPanel;
async function usePanel(options: DemoPanelOptions) {
	panel = await frozenPanel({ latencyMs: 5, ...options });
}
afterEach(async () => await panel.close());

async function run(parameters: INodeParameters, items?: IDataObject[]) {
	return await runNode({
		node: new SmmPanel(),
		credentialType: new SmmPanelApi(),
		credentials: { url: panel.url, apiKey: panel.apiKey },
		parameters,
		items,
		continueOnFail: true,
	});
}

async function createOrders(count: number, tag: string) {
	const items = Array.from({ length: count }, (_, index) => ({ link: `https://instagram.com/p/${tag}-${index}` }));
	const result = await run({ resource: 'order', operation: 'create', service: { __rl: true, mode: 'id', value: '1' }, orderType: 'default', link: '={{ $json.link }}', quantity: 100 }, items);
	expect(result.items.filter((item) => item.json.error !== undefined)).toEqual([]);
	expect(Object.values(panel.stats.addsByLink)).toEqual(items.map(() => 1));
}

test('a panel that says what is left (X-RateLimit-*) is never pushed past it', async () => {
	await usePanel({ rateLimitPerSecond: 4, rateLimitStyle: 'window' });
	await createOrders(10, 'window');
	expect(panel.stats.rateLimited).toBe(0);
});

test('a panel that answers a bare 429 is met once, then paced under its limit', async () => {
	await usePanel({ rateLimitPerSecond: 5, rateLimitStyle: 'plain' });
	await createOrders(15, 'plain');
	// Unpaced, two in flight and a 500 ms wait after each 429 would be refused several times.
	expect(panel.stats.rateLimited).toBeGreaterThanOrEqual(1);
	expect(panel.stats.rateLimited).toBeLessThanOrEqual(3);
});

test('the batches of Get Many share the pace: 500 ids in 5 requests, none refused', async () => {
	await usePanel({ rateLimitStyle: 'window' });
	const ids = await placeOrders(panel, 500);
	panel.setOptions({ rateLimitPerSecond: 2 });
	const requestsBefore = panel.stats.requests;
	const result = await run({ resource: 'order', operation: 'getMany', orderIds: ids.join(',') });
	expect(result.items).toHaveLength(500);
	expect(result.items.every((item) => item.json.status === 'Pending')).toBe(true);
	expect(panel.stats.requests - requestsBefore).toBe(5);
	expect(panel.stats.rateLimited).toBe(0);
});
