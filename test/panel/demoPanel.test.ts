import { type DemoPanel, type DemoPanelOptions, ORDER_TYPES, startDemoPanel, TAKEN_ORDERS_PATH } from '../../demo/panel';

// timeScale 0 freezes the simulated clock: orders only move when a test calls advance().
const panels: DemoPanel[] = [];

async function openPanel(options: DemoPanelOptions = {}): Promise<DemoPanel> {
	const panel = await startDemoPanel({ timeScale: 0, ...options });
	panels.push(panel);
	return panel;
}

afterEach(async () => {
	await Promise.all(panels.splice(0).map((panel) => panel.close()));
});

function post(panel: DemoPanel, fields: Record<string, string | number>, key = panel.apiKey): Promise<Response> {
	const body = new URLSearchParams({ key, ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)])) });
	return fetch(panel.url, { method: 'POST', body });
}

async function call(panel: DemoPanel, fields: Record<string, string | number>): Promise<any> {
	const response = await post(panel, fields);
	expect(response.status).toBe(200);
	expect(response.headers.get('content-type')).toContain('application/json');
	return response.json();
}

const FOLLOWERS = { action: 'add', service: 1, link: 'https://instagram.com/demo', quantity: 1000 };

describe('demo panel', () => {
	it('lists a catalog covering all 17 order types, services 1 and 2 as documented', async () => {
		const panel = await openPanel();
		const services = await call(panel, { action: 'services' });
		expect(services.length).toBeGreaterThanOrEqual(30);
		expect(services.length).toBeLessThanOrEqual(40);
		expect(new Set(services.map((s: { type: string }) => s.type))).toEqual(new Set(ORDER_TYPES));
		expect(ORDER_TYPES).toHaveLength(17);
		expect(services[0]).toEqual({
			service: 1,
			name: 'Instagram Followers [Default]',
			type: 'Default',
			category: 'Instagram Followers',
			rate: '0.90',
			min: '50',
			max: '10000',
			refill: true,
			cancel: true,
			dripfeed: true,
		});
		expect(services[1]).toMatchObject({ service: 2, type: 'Custom Comments', rate: '8', min: '10', max: '1500' });
	});

	it('places an order, charges the balance and answers the order id', async () => {
		const panel = await openPanel();
		expect(await call(panel, FOLLOWERS)).toEqual({ order: 1000 });
		expect(await call(panel, { action: 'balance' })).toEqual({ balance: '999.10000', currency: 'USD' });
		expect(panel.stats.ordersPlaced).toBe(1);
		expect(panel.stats.addsByLink).toEqual({ 'https://instagram.com/demo': 1 });
	});

	it('validates add requests like a panel does', async () => {
		const panel = await openPanel({ balance: 1 });
		expect(await call(panel, { ...FOLLOWERS, service: 999 })).toEqual({ error: 'Incorrect service ID' });
		expect(await call(panel, { action: 'add', service: 1, link: 'x' })).toEqual({ error: 'Missing field: quantity' });
		expect(await call(panel, { ...FOLLOWERS, quantity: 10 })).toEqual({ error: 'neworder.error.min_quantity' });
		expect(await call(panel, { ...FOLLOWERS, quantity: 20000 })).toEqual({ error: 'neworder.error.max_quantity' });
		expect(await call(panel, { ...FOLLOWERS, quantity: 5000 })).toEqual({ error: 'Not enough funds on balance' });
		// `url` instead of `link` and unknown extra fields are accepted.
		const { link, ...withoutLink } = FOLLOWERS;
		expect(await call(panel, { ...withoutLink, url: link, quantity: 100, extra: 'x' })).toEqual({ order: 1000 });
	});

	it('moves an order from Pending to In progress to Completed as simulated time passes', async () => {
		const panel = await openPanel();
		const { order } = await call(panel, FOLLOWERS);
		const status = () => call(panel, { action: 'status', order });
		expect(await status()).toEqual({ charge: '0.90000', start_count: '0', status: 'Pending', remains: '1000', currency: 'USD' });
		panel.advance(5_000);
		const running = await status();
		expect(running.status).toBe('In progress');
		expect(Number(running.remains)).toBeGreaterThan(0);
		expect(Number(running.remains)).toBeLessThan(1000);
		panel.advance(10_000);
		expect(await status()).toMatchObject({ status: 'Completed', remains: '0', charge: '0.90000' });
	});

	it('answers multiple statuses keyed by id, with errors for unknown ids', async () => {
		const panel = await openPanel();
		const first = (await call(panel, FOLLOWERS)).order;
		const second = (await call(panel, { ...FOLLOWERS, quantity: 500 })).order;
		const answer = await call(panel, { action: 'status', orders: `${first},${second},7` });
		expect(Object.keys(answer).sort()).toEqual([String(first), String(second), '7'].sort());
		expect(answer[String(second)]).toMatchObject({ status: 'Pending', remains: '500', charge: '0.45000' });
		expect(answer['7']).toEqual({ error: 'Incorrect order ID' });
		const tooMany = Array.from({ length: 101 }, (_, i) => i + 1).join(',');
		expect(await call(panel, { action: 'status', orders: tooMany })).toEqual({ error: 'Too many orders' });
	});

	it('makes every 7th order Partial and refunds the undelivered part', async () => {
		const panel = await openPanel();
		for (let i = 0; i < 7; i++) await call(panel, FOLLOWERS);
		panel.advance(20_000);
		const seventh = await call(panel, { action: 'status', order: 1006 });
		expect(seventh.status).toBe('Partial');
		expect(Number(seventh.remains)).toBeGreaterThan(0);
		const balance = await call(panel, { action: 'balance' });
		expect(Number(balance.balance)).toBeCloseTo(1000 - 7 * 0.9 + (0.9 * Number(seventh.remains)) / 1000, 5);
	});

	it('refuses a wrong API key', async () => {
		const panel = await openPanel();
		expect(await (await post(panel, { action: 'balance' }, 'wrong-key')).json()).toEqual({ error: 'Invalid API key' });
		expect(await call(panel, { action: 'dance' })).toEqual({ error: 'Incorrect request' });
	});

	it('lists the orders it took, and its counters, at GET /demo/orders, rate-limited requests not among them', async () => {
		const panel = await openPanel({ rateLimitPerSecond: 2 });
		await Promise.all([1, 2, 3].map((n) => post(panel, { ...FOLLOWERS, link: `https://instagram.com/shop_${n}` })));
		const log = (await (await fetch(new URL(TAKEN_ORDERS_PATH, panel.url))).json()) as { orders: Array<{ target: string }>; stats: unknown };
		expect(log.orders).toHaveLength(2);
		expect(log.orders[0]).toEqual({ order: 1000, service: 1, target: expect.stringMatching(/shop_[123]$/), quantity: 1000, at: 0 });
		expect(new Set(log.orders.map((o) => o.target)).size).toBe(2);
		expect(log.stats).toMatchObject({ ordersPlaced: 2, rateLimited: 1 });
	});

	it('answers GET with 405 and other paths with a 404 page', async () => {
		const panel = await openPanel();
		expect((await fetch(panel.url)).status).toBe(405);
		const notFound = await fetch(panel.url.replace('/api/v2', '/nope'), { method: 'POST' });
		expect(notFound.status).toBe(404);
		expect(await notFound.text()).toContain('<html');
	});

	it('with a stats path, answers GET there with its own record of what it received', async () => {
		const panel = await openPanel({ statsPath: '/__stats' });
		await call(panel, FOLLOWERS);
		const stats = await (await fetch(panel.url.replace('/api/v2', '/__stats'))).json();
		expect(stats).toMatchObject({ ordersPlaced: 1, byAction: { add: 1 }, addsByLink: { 'https://instagram.com/demo': 1 } });
		expect((await fetch(panel.url.replace('/api/v2', '/__stats'), { method: 'POST' })).status).toBe(404);
	});

	it('refills completed orders, cancels running ones and tracks refill status', async () => {
		const panel = await openPanel();
		const done = (await call(panel, FOLLOWERS)).order;
		panel.advance(10_000);
		const running = (await call(panel, FOLLOWERS)).order;
		const refills = await call(panel, { action: 'refill', orders: `${done},${running},1` });
		expect(refills).toEqual([
			{ order: done, refill: 1 },
			{ order: running, refill: { error: 'Refill is not available until the order is completed' } },
			{ order: 1, refill: { error: 'Incorrect order ID' } },
		]);
		expect(await call(panel, { action: 'refill_status', refill: 1 })).toEqual({ status: 'Pending' });
		panel.advance(6_000);
		expect(await call(panel, { action: 'refill_status', refills: '1,9' })).toEqual([
			{ refill: 1, status: 'Completed' },
			{ refill: 9, status: { error: 'Refill not found' } },
		]);
		// A fresh, still pending order can be canceled, with a full refund.
		const fresh = (await call(panel, FOLLOWERS)).order;
		expect(await call(panel, { action: 'cancel', orders: `${fresh},5` })).toEqual([
			{ order: fresh, cancel: 1 },
			{ order: 5, cancel: { error: 'Incorrect order ID' } },
		]);
		expect((await call(panel, { action: 'status', order: fresh })).status).toBe('Canceled');
		expect(await call(panel, { action: 'balance' })).toEqual({ balance: '998.20000', currency: 'USD' });
	});

	it('seed002 answers refill with the unquoted Success of its docs', async () => {
		const panel = await openPanel({ dialect: 'seed002' });
		const { order } = await call(panel, FOLLOWERS);
		panel.advance(10_000);
		const raw = await (await post(panel, { action: 'refill', order })).text();
		expect(raw).toContain('"status": Success,');
		expect(raw).toContain('Your order successfully added for refill');
		expect(await (await post(panel, { action: 'balance' })).text()).toMatch(/"balance": 999\.1,\s*"currency": "USD",\s*}/);
		const services = await call(panel, { action: 'services' });
		expect(services[0]).not.toHaveProperty('refill');
	});

	it('seed004 refuses id lists for cancel and writes its services without the comma before dripfeed', async () => {
		const panel = await openPanel({ dialect: 'seed004' });
		const { order } = await call(panel, FOLLOWERS);
		expect(await call(panel, { action: 'cancel', orders: String(order) })).toEqual({ error: 'Incorrect request' });
		expect(await call(panel, { action: 'cancel', order })).toEqual({
			status: 'success',
			message: "Cancellation request added, we'll try our best to cancel it.",
		});
		const services = await (await post(panel, { action: 'services' })).text();
		expect(services).toMatch(/"cancel": true\n\s*"dripfeed": true/);
		expect(() => JSON.parse(services)).toThrow();
		expect(await call(panel, { action: 'status', orders: '1,2' })).toEqual({
			'1': { error: 'Incorrect order ID', status: '104' },
			'2': { error: 'Incorrect order ID', status: '104' },
		});
	});

	it('answers 429 with Retry-After beyond the rate limit, without processing', async () => {
		const panel = await openPanel({ rateLimitPerSecond: 2 });
		const answers = await Promise.all([1, 2, 3].map(() => post(panel, FOLLOWERS)));
		const limited = answers.filter((response) => response.status === 429);
		expect(limited).toHaveLength(1);
		expect(limited[0].headers.get('retry-after')).toBe('1');
		expect(await limited[0].json()).toEqual({ error: 'Too many requests' });
		expect(panel.stats.ordersPlaced).toBe(2);
		expect(panel.stats.rateLimited).toBe(1);
	});

	it('an afterProcessing fault places the order but loses the answer', async () => {
		const panel = await openPanel({ faults: { kind: 'brokenJson', actions: ['add'], count: 1, afterProcessing: true } });
		const response = await post(panel, FOLLOWERS);
		expect(response.status).toBe(200);
		const text = await response.text();
		expect(() => JSON.parse(text)).toThrow();
		expect(panel.stats.ordersPlaced).toBe(1);
		expect(panel.stats.faultsInjected).toBe(1);
		expect((await call(panel, { action: 'status', order: 1000 })).status).toBe('Pending');
		// The fault was for one request only.
		expect(await call(panel, FOLLOWERS)).toEqual({ order: 1001 });
	});

	it('a fault without afterProcessing does not process the request', async () => {
		const panel = await openPanel();
		panel.setFaults([{ kind: 'htmlPage', actions: ['add'], count: 1, status: 403 }]);
		const response = await post(panel, FOLLOWERS);
		expect(response.status).toBe(403);
		expect(await response.text()).toContain('<title>Just a moment...</title>');
		expect(panel.stats.ordersPlaced).toBe(0);
	});

	it('dropConnection closes the socket without an answer', async () => {
		const panel = await openPanel({ faults: { kind: 'dropConnection' } });
		await expect(post(panel, { action: 'balance' })).rejects.toThrow();
		expect(panel.stats.faultsInjected).toBe(1);
	});

	it('a timeout fault holds the request until close(), which is quick', async () => {
		const panel = await openPanel({ faults: { kind: 'timeout', actions: ['status'] } });
		const held = post(panel, { action: 'status', order: 1 });
		const outcome = held.then(
			() => 'answered',
			() => 'failed',
		);
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(panel.stats.inFlight).toBe(1);
		const started = Date.now();
		await panel.close();
		expect(Date.now() - started).toBeLessThan(500);
		expect(await outcome).toBe('failed');
	});

	it('counts requests in flight, latency included', async () => {
		const panel = await openPanel({ latencyMs: 100 });
		await Promise.all([1, 2, 3, 4].map(() => post(panel, { action: 'balance' })));
		expect(panel.stats.maxInFlight).toBe(4);
		expect(panel.stats.inFlight).toBe(0);
		expect(panel.stats.requests).toBe(4);
		expect(panel.stats.byAction).toEqual({ balance: 4 });
	});
});
