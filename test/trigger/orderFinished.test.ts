import type { DemoPanel } from '../../demo/panel';
import { frozenPanel, placeOrders } from '../helpers/demoPanel';
import { orderIdsOf, triggerOn } from './poller';

describe('Order Finished', () => {
	let panel: DemoPanel;
	beforeEach(async () => {
		panel = await frozenPanel();
	});
	afterEach(async () => await panel.close());

	test('reports each watched order once, on the first poll that sees it finished', async () => {
		const ids = await placeOrders(panel, 3);
		const trigger = triggerOn(panel, { event: 'orderFinished', orderIds: ids.join(', ') });

		expect(await trigger.poll()).toBeNull(); // all pending
		panel.advance(20_000);
		const finished = await trigger.poll();
		expect(orderIdsOf(finished)).toEqual([...ids].sort());
		expect(finished![0].json).toMatchObject({ event: 'orderFinished', status: 'Completed', previousStatus: 'Pending' });
		expect(await trigger.poll()).toBeNull();
		expect(await trigger.poll()).toBeNull();
	});

	test('works on n8n 1.x, whose poll context has no getPollBudgetMs', async () => {
		const ids = await placeOrders(panel, 2);
		const trigger = triggerOn(panel, { event: 'orderFinished', orderIds: ids }, null);
		expect(await trigger.poll()).toBeNull();
		panel.advance(20_000);
		expect(orderIdsOf(await trigger.poll())).toEqual([...ids].sort());
	});

	test('reports orders that are already finished on the very first poll', async () => {
		const ids = await placeOrders(panel, 2);
		panel.advance(20_000);
		const trigger = triggerOn(panel, { event: 'orderFinished', orderIds: ids });
		const first = await trigger.poll();
		expect(orderIdsOf(first)).toEqual([...ids].sort());
		expect(first![0].json.previousStatus).toBeNull();
		expect(await trigger.poll()).toBeNull();
	});

	test('a panel outage between polls loses nothing and repeats nothing', async () => {
		const ids = await placeOrders(panel, 4);
		const trigger = triggerOn(panel, { event: 'orderFinished', orderIds: ids.join('\n') });
		expect(await trigger.poll()).toBeNull();
		const stateBefore = JSON.stringify(trigger.staticData);

		panel.advance(20_000);
		for (const kind of ['dropConnection', 'htmlPage', 'serverError', 'brokenJson'] as const) {
			panel.setFaults([{ kind, actions: ['status'] }]);
			await expect(trigger.poll()).rejects.toThrow();
			expect(JSON.stringify(trigger.staticData)).toBe(stateBefore);
		}

		panel.setFaults([]);
		expect(orderIdsOf(await trigger.poll())).toEqual([...ids].sort());
		expect(await trigger.poll()).toBeNull();
	});

	test('survives an n8n restart with its state: nothing reported twice', async () => {
		const ids = await placeOrders(panel, 2);
		const before = triggerOn(panel, { event: 'orderFinished', orderIds: ids });
		panel.advance(20_000);
		expect(orderIdsOf(await before.poll())).toHaveLength(2);

		const restarted = triggerOn(panel, { event: 'orderFinished', orderIds: ids });
		Object.assign(restarted.staticData, JSON.parse(JSON.stringify(before.staticData)));
		expect(await restarted.poll()).toBeNull();
	});

	test('editing the id list keeps what is known of ids that stay and watches new ids from the next poll', async () => {
		const [a, b, c] = await placeOrders(panel, 3);
		const trigger = triggerOn(panel, { event: 'orderStatusChanged', orderIds: `${a}, ${b}` });
		expect(await trigger.poll()).toBeNull(); // baseline: a and b Pending

		trigger.setParameters({ event: 'orderStatusChanged', orderIds: `${b}, ${c}`, additionalFields: { maxAttempts: 1 } });
		panel.advance(3_000); // all In progress
		const changed = await trigger.poll();
		// b was known (Pending → In progress); c is seen for the first time: its baseline.
		expect(orderIdsOf(changed)).toEqual([b]);
		expect(changed![0].json).toMatchObject({ status: 'In progress', previousStatus: 'Pending' });
		const watch = trigger.staticData['node:SMM Panel Trigger'] as { watch: { seen: Record<string, string> } };
		expect(Object.keys(watch.watch.seen).sort()).toEqual([b, c].sort());
	});

	test('"Fetch Test Event" returns the watched orders as they are now and changes no saved state', async () => {
		const ids = await placeOrders(panel, 2);
		const trigger = triggerOn(panel, { event: 'orderFinished', orderIds: ids });
		expect(await trigger.poll()).toBeNull();
		const stateBefore = JSON.stringify(trigger.staticData);
		panel.advance(20_000);

		const sample = await trigger.poll('manual');
		expect(orderIdsOf(sample)).toEqual([...ids].sort());
		expect(JSON.stringify(trigger.staticData)).toBe(stateBefore);
		expect(orderIdsOf(await trigger.poll())).toEqual([...ids].sort()); // still reported for real
	});

	test('ids the panel does not know are dropped after three polls in a row', async () => {
		const [known] = await placeOrders(panel, 1);
		const trigger = triggerOn(panel, { event: 'orderFinished', orderIds: `${known}, 987654` });
		const statusRequests = () => panel.stats.byAction.status ?? 0;
		for (let poll = 1; poll <= 3; poll++) await trigger.poll();
		const watch = (trigger.staticData['node:SMM Panel Trigger'] as { watch: { done: string[]; unknown: object } }).watch;
		expect(watch.done).toContain('987654');
		expect(watch.unknown).toEqual({});

		const before = statusRequests();
		await trigger.poll();
		expect(statusRequests() - before).toBe(1); // only the known order, in its one-id form
	});
});
