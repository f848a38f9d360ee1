/**
 * The API key goes to the panel in the POST body and nowhere else: not in the URL, not in a
 * header, not in any output item, error message, description or cause, and not in what n8n
 * keeps of the execution, even when the panel echoes the key back.
 */
import type { INodeParameters } from 'n8n-workflow';

import { seed000 } from '../fixtures/seeds';
import { type FakePanel, type Reply, type Run, blockRealNetwork, fakePanel, json, runPanelNode, serviceById } from './support';

blockRealNetwork();

const SECRET = 'KEY-s3cr3t-9f8e7d';

/** Every string reachable from `value`, own enumerable and non-enumerable properties alike. */
function everyString(value: unknown, seen = new Set<unknown>(), out: string[] = []): string[] {
	if (typeof value === 'string') {
		out.push(value);
		return out;
	}
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return out;
	if (value === null || value === undefined || seen.has(value)) return out;
	if (typeof value === 'function' || typeof value === 'symbol') return out;
	seen.add(value);
	if (Buffer.isBuffer(value)) {
		out.push(value.toString('utf8'));
		return out;
	}
	if (value instanceof Map) {
		for (const [key, entry] of value) {
			everyString(key, seen, out);
			everyString(entry, seen, out);
		}
		return out;
	}
	if (value instanceof Set) {
		for (const entry of value) everyString(entry, seen, out);
		return out;
	}
	for (const name of Object.getOwnPropertyNames(value)) {
		out.push(name);
		let entry: unknown;
		try {
			entry = (value as Record<string, unknown>)[name];
		} catch {
			continue;
		}
		everyString(entry, seen, out);
	}
	// Errors keep `message`, `stack` and `cause` as own properties, but be sure about `cause`.
	if (value instanceof Error) everyString((value as Error & { cause?: unknown }).cause, seen, out);
	return out;
}

function expectNoSecretIn(what: unknown): void {
	const leaks = everyString(what).filter((text) => text.includes(SECRET));
	expect(leaks).toEqual([]);
}

/** The key is nowhere in the run: output items, the error (cause and all), what n8n stores. */
function expectKeyKeptSecret(run: Run): void {
	expect(JSON.stringify(run.items)).not.toContain(SECRET);
	expectNoSecretIn(run.items);
	expectNoSecretIn(run.error);
	expectNoSecretIn(run.run.data);
}

/** The key reached the panel in the POST body of every request, and only there. */
function expectKeyOnlyInBody(panel: FakePanel): void {
	expect(panel.requests.length).toBeGreaterThan(0);
	for (const request of panel.requests) {
		expect(request.form.key).toBe(SECRET);
		expect(request.path).not.toContain('?');
		expect(request.path).not.toContain(SECRET);
		expectNoSecretIn(request.headers);
	}
}

async function runWith(panel: FakePanel, parameters: INodeParameters, continueOnFail = false): Promise<Run> {
	return await runPanelNode({ panel, parameters, apiKey: SECRET, continueOnFail });
}

const ORDER: INodeParameters = { resource: 'order', operation: 'create', service: serviceById('1'), orderType: 'default', link: 'https://www.instagram.com/p/abc123/', quantity: 100 };
const ONE_ATTEMPT = { additionalFields: { maxAttempts: 1 } };

const OPERATIONS: Array<[string, INodeParameters]> = [
	['account:getBalance', { resource: 'account', operation: 'getBalance', ...ONE_ATTEMPT }],
	['service:getAll', { resource: 'service', operation: 'getAll', ...ONE_ATTEMPT }],
	['order:create', ORDER],
	['order:get', { resource: 'order', operation: 'get', orderId: '1', ...ONE_ATTEMPT }],
	['order:getMany', { resource: 'order', operation: 'getMany', orderIds: '1, 10', ...ONE_ATTEMPT }],
	['order:cancel', { resource: 'order', operation: 'cancel', orderIds: '9, 2', ...ONE_ATTEMPT }],
	['refill:create', { resource: 'refill', operation: 'create', orderIds: '1, 2', ...ONE_ATTEMPT }],
	['refill:getMany', { resource: 'refill', operation: 'getMany', refillIds: '1, 2', ...ONE_ATTEMPT }],
];

const FAILURES: Array<[string, Reply]> = [
	['a bad key', json('{"error":"Invalid API key"}')],
	['a panel that echoes the key in its error', json(`{"error":"Key ${SECRET} is banned"}`)],
	['a panel that echoes the key with HTTP 401', json(`{"error":"Unauthorized key ${SECRET}"}`, 401)],
	['a dropped connection', { networkError: 'ECONNRESET' }],
	['an HTML page', { status: 200, body: `<html><body>Hello. Your key ${SECRET} is not valid here.</body></html>`, contentType: 'text/html' }],
	['non-JSON text echoing the key', { status: 200, body: `key=${SECRET}&error=bad` }],
	['a server error page echoing the key', { status: 500, body: `Fatal error: key '${SECRET}' in /var/www/api.php`, contentType: 'text/plain' }],
];

describe.each(FAILURES)('%s', (_name, reply) => {
	test.each(OPERATIONS)('never shows the key in %s\'s error', async (_operation, parameters) => {
		const panel = fakePanel(() => reply);
		const run = await runWith(panel, parameters);

		expectKeyKeptSecret(run);
		expectKeyOnlyInBody(panel);
	});

	test('never shows the key in the error items of "Continue On Fail"', async () => {
		const panel = fakePanel(() => reply);
		const balance = await runWith(panel, { resource: 'account', operation: 'getBalance', ...ONE_ATTEMPT }, true);
		const order = await runWith(fakePanel(() => reply), ORDER, true);
		const statuses = await runWith(fakePanel(() => reply), { resource: 'order', operation: 'getMany', orderIds: '1, 2', ...ONE_ATTEMPT }, true);

		for (const run of [balance, order, statuses]) {
			expect(run.items.length).toBeGreaterThan(0);
			expectKeyKeptSecret(run);
		}
	});
});

test('a per-id error that echoes the key is shown without it', async () => {
	const panel = fakePanel(() => json(`{"1": {"error": "Order 1 does not belong to key ${SECRET}"}, "2": {"status": "Completed"}}`));
	const run = await runWith(panel, { resource: 'order', operation: 'getMany', orderIds: '1, 2' });

	expect(run.json).toHaveLength(2);
	expect(run.json[0].error).toEqual(expect.any(String));
	expectKeyKeptSecret(run);
});

describe('on success', () => {
	const SUCCESSES: Array<[string, INodeParameters, string]> = [
		['account:getBalance', { resource: 'account', operation: 'getBalance' }, seed000.answers.balance!],
		['service:getAll', { resource: 'service', operation: 'getAll' }, seed000.answers.services!],
		['order:create', ORDER, seed000.answers.add!],
		['order:get', { resource: 'order', operation: 'get', orderId: '1' }, seed000.answers.status!],
		['order:getMany', { resource: 'order', operation: 'getMany', orderIds: '1, 10, 100' }, seed000.answers.statusMany!],
		['order:cancel', { resource: 'order', operation: 'cancel', orderIds: '9, 2' }, seed000.answers.cancelMany!],
		['refill:create', { resource: 'refill', operation: 'create', orderIds: '1, 2, 3' }, seed000.answers.refillMany!],
		['refill:get', { resource: 'refill', operation: 'get', refillId: '1' }, seed000.answers.refillStatus!],
		['refill:getMany', { resource: 'refill', operation: 'getMany', refillIds: '1, 2, 3' }, seed000.answers.refillStatusMany!],
	];

	test.each(SUCCESSES)('%s sends the key in the POST body only, and outputs nothing of it', async (_name, parameters, answer) => {
		const panel = fakePanel(() => json(answer));
		const run = await runWith(panel, parameters);

		expect(run.error).toBeUndefined();
		expect(run.items.length).toBeGreaterThan(0);
		expectKeyKeptSecret(run);
		expectKeyOnlyInBody(panel);
	});
});
