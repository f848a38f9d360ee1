import nock from 'nock';

import type { DemoPanel } from '../../demo/panel';
import { frozenPanel, panelCall, placeOrders } from '../helpers/demoPanel';
import { orderIdsOf, triggerOn } from './poller';

describe('Order Status Changed', () => {
	let panel: DemoPanel;
	beforeEach(async () => (panel = await frozenPanel()));
	afterEach(async () => await panel.close());

	test('the first sight is the baseline; each later change is reported once', async () => {
		const ids = await placeOrders(panel, 2);
		const trigger = triggerOn(panel, { event: 'orderStatusChanged', orderIds: ids });
		expect(await trigger.poll()).toBeNull();
		panel.advance(3_000);
		const started = await trigger.poll();
		expect(orderIdsOf(started)).toEqual([...ids].sort());
		expect(started!.map((item) => item.json.previousStatus)).toEqual(['Pending', 'Pending']);
		expect(await trigger.poll()).toBeNull();
		panel.advance(20_000);
		const finished = await trigger.poll();
		expect(finished!.map((item) => item.json.previousStatus)).toEqual(['In progress', 'In progress']);
		expect(await trigger.poll()).toBeNull();
	});

	test('with Report Progress, a change of remains while in progress is reported too', async () => {
		const [id] = await placeOrders(panel, 1, 1000);
		const trigger = triggerOn(panel, { event: 'orderStatusChanged', orderIds: id, additionalFields: { maxAttempts: 1, reportProgress: true } });
		panel.advance(3_000);
		expect(await trigger.poll()).toBeNull();
		panel.advance(2_000);
		const progress = await trigger.poll();
		expect(progress).toHaveLength(1);
		expect(progress![0].json).toMatchObject({ status: 'In progress', previousStatus: 'In progress' });
	});
});

describe('Refill Finished', () => {
	test('reports each watched refill once when it is final', async () => {
		const panel = await frozenPanel();
		try {
			const [orderId] = await placeOrders(panel, 1);
			panel.advance(20_000);
			const { refill } = (await panelCall(panel, { action: 'refill', order: orderId })) as { refill: string };
			const trigger = triggerOn(panel, { event: 'refillFinished', refillIds: String(refill) });
			expect(await trigger.poll()).toBeNull();
			panel.advance(10_000);
			const finished = await trigger.poll();
			expect(finished).toHaveLength(1);
			expect(finished![0].json).toMatchObject({ event: 'refillFinished', refill: Number(refill), status: 'Completed', previousStatus: 'Pending' });
			expect(await trigger.poll()).toBeNull();
		} finally {
			await panel.close();
		}
	});
});

describe('Balance Low', () => {
	test('fires once below the threshold, and again only after the balance was back up', async () => {
		const panel = await frozenPanel({ balance: 100 });
		try {
			const trigger = triggerOn(panel, { event: 'lowBalance', threshold: 50 });
			expect(await trigger.poll()).toBeNull();
			panel.setOptions({ balance: 20 });
			const low = await trigger.poll();
			expect(low).toEqual([{ json: { event: 'lowBalance', balance: 20, currency: 'USD', threshold: 50 } }]);
			expect(await trigger.poll()).toBeNull();
			panel.setOptions({ balance: 80 });
			expect(await trigger.poll()).toBeNull();
			panel.setOptions({ balance: 10 });
			expect(await trigger.poll()).toHaveLength(1);
		} finally {
			await panel.close();
		}
	});
});

describe('Services Changed', () => {
	const panelUrl = 'https://services.example/api/v2';
	const serviceList = (services: object[]) => nock('https://services.example').post('/api/v2').reply(200, services);
	afterEach(() => nock.cleanAll());

	test('the first poll is the baseline; then added, removed and re-priced services are reported once', async () => {
		const trigger = triggerOn({ url: panelUrl, apiKey: 'KEY-1' }, { event: 'servicesChanged' });
		serviceList([
			{ service: 1, name: 'Followers', type: 'Default', rate: '0.90', min: '50', max: '10000' },
			{ service: 2, name: 'Comments', type: 'Custom Comments', rate: '8', min: '10', max: '1500' },
		]);
		expect(await trigger.poll()).toBeNull();

		serviceList([
			{ service: 1, name: 'Followers', type: 'Default', rate: '1.10', min: '50', max: '10000' },
			{ service: 3, name: 'Likes', type: 'Default', rate: '0.20', min: '10', max: '5000' },
		]);
		const changes = (await trigger.poll())!.map((item) => item.json);
		expect(changes).toEqual([
			expect.objectContaining({ event: 'servicesChanged', change: 'rateChanged', service: 1, name: 'Followers', rate: 1.1, previousRate: 0.9 }),
			expect.objectContaining({ change: 'added', service: 3, name: 'Likes', rate: 0.2 }),
			{ event: 'servicesChanged', change: 'removed', service: 2, name: 'Comments', rate: 8 },
		]);

		serviceList([
			{ service: 1, name: 'Followers', type: 'Default', rate: '1.10', min: '50', max: '10000' },
			{ service: 3, name: 'Likes', type: 'Default', rate: '0.20', min: '10', max: '5000' },
		]);
		expect(await trigger.poll()).toBeNull();
	});
});
