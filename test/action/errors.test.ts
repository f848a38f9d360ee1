/**
 * When the panel says no, sends a web page, nothing, or text, or cannot be reached, the user
 * sees one clear error: the panel's own words and what to do about it. Reads are retried when
 * the panel was busy; an order whose answer was lost is never sent twice.
 */
import type { INodeParameters } from 'n8n-workflow';

import { seed000, seed002 } from '../fixtures/seeds';
import { type FakePanel, type Reply, blockRealNetwork, fakePanel, inTurn, json, runPanelNode, serviceById } from './support';

blockRealNetwork();

const LINK = 'https://www.instagram.com/p/abc123/';
const CREATE: INodeParameters = { resource: 'order', operation: 'create', service: serviceById('1'), orderType: 'default', link: LINK, quantity: 100 };
/** Reads tried once only, so that a failing read fails at once. */
const ONE_ATTEMPT = { additionalFields: { maxAttempts: 1 } };

const CLOUDFLARE_PAGE =
	'<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title></head><body><div id="challenge-body-text">Checking if the site connection is secure</div><script src="/cdn-cgi/challenge-platform/h/b/orchestrate/jsch/v1"></script></body></html>';
const LOGIN_PAGE = '<!doctype html><html><head><title>Sign in</title></head><body><form action="/login"><input name="username"></form></body></html>';

interface NodeErrorLike {
	name?: string;
	message?: string;
	description?: string | null;
}

function errorOf(run: { error?: unknown }): NodeErrorLike {
	expect(run.error).toBeDefined();
	return run.error as NodeErrorLike;
}

const OPERATIONS: Array<[string, INodeParameters]> = [
	['account:getBalance', { resource: 'account', operation: 'getBalance' }],
	['service:getAll', { resource: 'service', operation: 'getAll' }],
	['order:create', CREATE],
	['order:get', { resource: 'order', operation: 'get', orderId: '1' }],
	['order:getMany', { resource: 'order', operation: 'getMany', orderIds: '1, 2, 3' }],
	['order:cancel', { resource: 'order', operation: 'cancel', orderIds: '1, 2' }],
	['refill:create', { resource: 'refill', operation: 'create', orderIds: '1, 2' }],
	['refill:get', { resource: 'refill', operation: 'get', refillId: '1' }],
	['refill:getMany', { resource: 'refill', operation: 'getMany', refillIds: '1, 2' }],
];

describe('a bad API key (HTTP 200 {"error":"Invalid API key"})', () => {
	test.each(OPERATIONS)('fails %s with a NodeApiError in the panel\'s words that says to check the API key', async (_name, parameters) => {
		const panel = fakePanel(() => json('{"error":"Invalid API key"}'));
		const run = await runPanelNode({ panel, parameters });

		const error = errorOf(run);
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toContain('Invalid API key');
		expect(error.description).toMatch(/API key/);
		expect(run.items).toEqual([]);
	});

	test('is not asked again id by id: one request, as the key is wrong for every id', async () => {
		const panel = fakePanel(() => json('{"error":"Invalid API key"}'));
		await runPanelNode({ panel, parameters: { resource: 'order', operation: 'cancel', orderIds: '1, 2, 3' } });

		expect(panel.requests).toHaveLength(1);
	});
});

describe('answers that are not the API', () => {
	const PAGES: Array<[string, Reply, RegExp]> = [
		['a login page with HTTP 200', { status: 200, body: LOGIN_PAGE, contentType: 'text/html' }, /HTML|web page/i],
		['a Cloudflare "Just a moment..." page with HTTP 503', { status: 503, body: CLOUDFLARE_PAGE, contentType: 'text/html' }, /HTML|web page/i],
		['a Cloudflare "Just a moment..." page with HTTP 403', { status: 403, body: CLOUDFLARE_PAGE, contentType: 'text/html' }, /HTML|web page/i],
		['an empty body', { status: 200, body: '' }, /empty|nothing/i],
		['text that is not JSON', { status: 200, body: 'Service temporarily unavailable, please come back later' }, /not JSON/i],
	];

	test.each(PAGES)('%s fails a read with an error saying what came back', async (_name, reply, says) => {
		const panel = fakePanel(() => reply);
		const run = await runPanelNode({ panel, parameters: { resource: 'account', operation: 'getBalance', ...ONE_ATTEMPT } });

		const error = errorOf(run);
		expect(error.name).toBe('NodeApiError');
		expect(`${error.message} ${error.description}`).toMatch(says);
		expect(error.description).toBeTruthy();
	});

	test.each(PAGES)('%s fails an order with an error saying what came back', async (_name, reply, says) => {
		const panel = fakePanel(() => reply);
		const run = await runPanelNode({ panel, parameters: CREATE });

		const error = errorOf(run);
		expect(error.name).toBe('NodeApiError');
		expect(`${error.message} ${error.description}`).toMatch(says);
		expect(panel.requests).toHaveLength(1);
	});

	test('a Cloudflare challenge tells the user the panel\'s firewall blocked n8n', async () => {
		const panel = fakePanel(() => ({ status: 503, body: CLOUDFLARE_PAGE, contentType: 'text/html' }));
		const run = await runPanelNode({ panel, parameters: { resource: 'order', operation: 'getMany', orderIds: '1', ...ONE_ATTEMPT } });

		expect(errorOf(run).description).toMatch(/firewall|Just a moment/i);
	});

	test('a web page with the API URL wrong tells the user to check the API URL', async () => {
		const panel = fakePanel(() => ({ status: 200, body: LOGIN_PAGE, contentType: 'text/html' }));
		const run = await runPanelNode({ panel, parameters: { resource: 'service', operation: 'getAll', ...ONE_ATTEMPT } });

		expect(errorOf(run).description).toMatch(/API URL/);
	});
});

describe('the panel refuses an order', () => {
	test('"Not enough funds on balance" (HTTP 200) fails the node in the panel\'s words, advising a top-up', async () => {
		const panel = fakePanel(() => json('{"error":"Not enough funds on balance"}'));
		const run = await runPanelNode({ panel, parameters: CREATE });

		const error = errorOf(run);
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toContain('Not enough funds on balance');
		expect(error.description).toMatch(/top up|balance/i);
		expect(panel.requests).toHaveLength(1);
	});

	test('seed 002\'s "incorrect service type" fails the node in the panel\'s words', async () => {
		const panel = fakePanel(() => json(seed002.answers.addError!));
		const run = await runPanelNode({ panel, parameters: CREATE });

		expect(errorOf(run).message).toContain('incorrect service type');
	});
});

describe('with "Continue On Fail"', () => {
	function panelRefusing(link: string, error: string): FakePanel {
		return fakePanel((form) => (form.link === link ? json({ error }) : json(seed000.answers.add!)));
	}

	test('a refused order becomes an output item { error, description } paired to its input item, and the others are placed', async () => {
		const panel = panelRefusing('https://www.instagram.com/p/two/', 'Not enough funds on balance');
		const run = await runPanelNode({
			panel,
			parameters: { ...CREATE, link: '={{ $json.link }}' },
			items: [{ link: 'https://www.instagram.com/p/one/' }, { link: 'https://www.instagram.com/p/two/' }, { link: 'https://www.instagram.com/p/three/' }],
			continueOnFail: true,
		});

		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(3);
		const byItem = new Map(run.items.map((item) => [(item.pairedItem as { item: number }).item, item.json]));
		expect(byItem.get(0)).toMatchObject({ order: 23501 });
		expect(byItem.get(2)).toMatchObject({ order: 23501 });
		expect(byItem.get(1)).toEqual({ error: 'Not enough funds on balance', description: expect.stringMatching(/top up|balance/i) });
		expect(panel.ofAction('add')).toHaveLength(3);
	});

	test.each([
		['a bad key', json('{"error":"Invalid API key"}'), /Invalid API key/],
		['an HTML page', { status: 200, body: LOGIN_PAGE, contentType: 'text/html' } as Reply, /HTML|web page/i],
		['an empty body', { status: 200, body: '' } as Reply, /empty/i],
		['non-JSON text', { status: 200, body: 'Bad Gateway' } as Reply, /not JSON/i],
	])('%s on getBalance becomes an output item { error, description } paired to the input item', async (_name, reply, says) => {
		const panel = fakePanel(() => reply);
		const run = await runPanelNode({
			panel,
			parameters: { resource: 'account', operation: 'getBalance', ...ONE_ATTEMPT },
			continueOnFail: true,
		});

		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(1);
		expect(run.items[0].json.error).toMatch(says);
		expect(run.items[0].json.description).toEqual(expect.any(String));
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('a bad key on order:get gives each input item its own error item, paired to it', async () => {
		const panel = fakePanel(() => json('{"error":"Invalid API key"}'));
		const run = await runPanelNode({
			panel,
			parameters: { resource: 'order', operation: 'get', orderId: '={{ $json.id }}' },
			items: [{ id: 1 }, { id: 2 }],
			continueOnFail: true,
		});

		expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		for (const item of run.items) expect(item.json).toEqual({ error: 'Invalid API key', description: expect.stringMatching(/API key/) });
	});

	test('an order id the panel does not know fails only its own input item on order:get', async () => {
		const panel = fakePanel(() => json('{"1": {"charge": "0.27819", "start_count": "3572", "status": "Partial", "remains": "157", "currency": "USD"}, "10": {"error": "Incorrect order ID"}}'));
		const run = await runPanelNode({
			panel,
			parameters: { resource: 'order', operation: 'get', orderId: '={{ $json.id }}' },
			items: [{ id: 1 }, { id: 10 }],
			continueOnFail: true,
		});

		expect(run.items).toHaveLength(2);
		expect(run.items[0]).toMatchObject({ json: { order: 1, status: 'Partial' }, pairedItem: { item: 0 } });
		expect(run.items[1]).toMatchObject({ json: { error: 'Incorrect order ID' }, pairedItem: { item: 1 } });
	});
});

describe('retries', () => {
	test('getBalance answered 503 then 200 succeeds after one retry', async () => {
		const panel = fakePanel(inTurn({ status: 503, body: 'Service Unavailable', contentType: 'text/plain' }, json(seed000.answers.balance!)));
		const run = await runPanelNode({ panel, parameters: { resource: 'account', operation: 'getBalance' } });

		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([expect.objectContaining({ balance: 100.84292, currency: 'USD' })]);
		expect(panel.requests).toHaveLength(2);
	});

	test('order:getMany answered 503 then 200 succeeds after one retry', async () => {
		const panel = fakePanel(inTurn({ status: 503, body: '' }, json(seed000.answers.statusMany!)));
		const run = await runPanelNode({ panel, parameters: { resource: 'order', operation: 'getMany', orderIds: '1, 10, 100' } });

		expect(run.error).toBeUndefined();
		expect(run.json.map((item) => item.order)).toEqual([1, 10, 100]);
		expect(panel.requests).toHaveLength(2);
		expect(panel.requests[1].form).toEqual(panel.requests[0].form);
	});

	test('service:getAll whose connection drops once succeeds after one retry', async () => {
		const panel = fakePanel(inTurn({ networkError: 'ECONNRESET' }, json(seed000.answers.services!)));
		const run = await runPanelNode({ panel, parameters: { resource: 'service', operation: 'getAll' } });

		expect(run.error).toBeUndefined();
		expect(run.json).toHaveLength(2);
		expect(panel.requests).toHaveLength(2);
	});

	test('a read that keeps failing stops after "Max Attempts" tries', async () => {
		const panel = fakePanel(() => ({ status: 503, body: '' }));
		const run = await runPanelNode({ panel, parameters: { resource: 'account', operation: 'getBalance', additionalFields: { maxAttempts: 2 } } });

		expect(errorOf(run).name).toBe('NodeApiError');
		expect(panel.requests).toHaveLength(2);
	});

	test.each([
		['a 502', { status: 502, body: '<html><body>502 Bad Gateway</body></html>', contentType: 'text/html' } as Reply],
		['a dropped connection', { networkError: 'ECONNRESET' } as Reply],
	])('an order answered with %s is not sent again, and the error says it may have been placed', async (_name, reply) => {
		const panel = fakePanel(inTurn(reply, json(seed000.answers.add!)));
		const run = await runPanelNode({ panel, parameters: CREATE });

		const error = errorOf(run);
		expect(panel.requests).toHaveLength(1);
		expect(`${error.message} ${error.description}`).toMatch(/may have been placed/i);
	});

	test('an order the panel does not answer within the timeout is not sent again, and the error says it may have been placed', async () => {
		const panel = fakePanel(inTurn({ ...json(seed000.answers.add!), delayMs: 1500 }, json(seed000.answers.add!)));
		const run = await runPanelNode({ panel, parameters: { ...CREATE, additionalFields: { timeoutSeconds: 1 } } });

		const error = errorOf(run);
		expect(panel.requests).toHaveLength(1);
		expect(`${error.message} ${error.description}`).toMatch(/may have been placed/i);
	});

	test('with "Continue On Fail" a lost order answer is an error item saying it may have been placed', async () => {
		const panel = fakePanel(inTurn({ networkError: 'ECONNRESET' }, json(seed000.answers.add!)));
		const run = await runPanelNode({ panel, parameters: CREATE, continueOnFail: true });

		expect(panel.requests).toHaveLength(1);
		expect(run.items).toHaveLength(1);
		expect(run.items[0].json.description).toMatch(/may have been placed/i);
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('an order answered 429 with Retry-After: 0 is sent again and placed', async () => {
		const panel = fakePanel(inTurn({ status: 429, body: '{"error":"Too many requests"}', headers: { 'Retry-After': '0' } }, json(seed000.answers.add!)));
		const run = await runPanelNode({ panel, parameters: CREATE });

		expect(run.error).toBeUndefined();
		expect(panel.requests).toHaveLength(2);
		expect(run.json).toEqual([expect.objectContaining({ order: 23501 })]);
	});

	test('a cancel whose answer is lost (502) is not sent again; each order says the panel may have taken it', async () => {
		const panel = fakePanel(inTurn({ status: 502, body: '' }, json(seed000.answers.cancelMany!)));
		const run = await runPanelNode({ panel, parameters: { resource: 'order', operation: 'cancel', orderIds: '9, 2' } });

		expect(panel.requests).toHaveLength(1);
		expect(run.json.map((item) => item.order)).toEqual([9, 2]);
		for (const item of run.json) {
			expect(item.error).toMatch(/may have taken/i);
			expect(item).not.toHaveProperty('cancel');
		}
	});
});
