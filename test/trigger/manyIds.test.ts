import type { DemoPanel } from '../../demo/panel';
import { frozenPanel, placeOrders } from '../helpers/demoPanel';
import { triggerOn } from './poller';

describe('watching many orders', () => {
	let panel: DemoPanel;
	beforeEach(async () => (panel = await frozenPanel()));
	afterEach(async () => await panel.close());

	test('250 watched ids are checked in 3 requests per poll', async () => {
		const ids = await placeOrders(panel, 250);
		const trigger = triggerOn(panel, { event: 'orderFinished', orderIds: ids.join(',') });
		const before = panel.stats.byAction.status ?? 0;
		await trigger.poll();
		expect((panel.stats.byAction.status ?? 0) - before).toBe(3);
	});

	test('a poll stops before n8n\'s poll budget runs out and the next poll goes on where it stopped', async () => {
		const ids = await placeOrders(panel, 1000);
		panel.advance(30_000);
		panel.setOptions({ latencyMs: 60 });
		const trigger = triggerOn(panel, { event: 'orderFinished', orderIds: ids, additionalFields: { maxAttempts: 1, requestsInFlight: 1 } }, 200);

		const reported: string[] = [];
		let polls = 0;
		while (reported.length < ids.length && polls < 20) {
			polls++;
			const items = (await trigger.poll()) ?? [];
			expect(items.length).toBeLessThan(ids.length); // never all ten batches within the budget
			reported.push(...items.map((item) => String(item.json.order)));
		}
		expect([...reported].sort()).toEqual([...ids].sort());
		expect(new Set(reported).size).toBe(ids.length);
	});
});
