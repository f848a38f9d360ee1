/**
 * Reliability: every action against every fault a panel shows in the wild, plus bad input, with
 * a summary of what was tried, what recovered, what failed clearly, how often an order was
 * taken, and where the API key was found.
 */
import http from 'node:http';
import type { INodeParameters } from 'n8n-workflow';

import { SmmPanelApi } from '../../credentials/SmmPanelApi.credentials';
import { type NodeRun, runNode } from '../../demo/engine';
import { type DemoPanel, type FaultKind } from '../../demo/panel';
import { SmmPanel } from '../../nodes/SmmPanel/SmmPanel.node';
import { BAD_IDS, BAD_ORDERS } from '../fixtures/badInputs';
import { frozenPanel, panelCall, placeOrders } from '../helpers/demoPanel';
import { KeyScan, coreLogger } from './keyScan';


const API_KEY = 'KEY-reliability-5f4e3d2c1b';
const FAULTS: FaultKind[] = ['rateLimit', 'serverError', 'htmlPage', 'emptyBody', 'brokenJson', 'dropConnection', 'timeout'];
/** Reads are retried on these; HTML pages and broken JSON are no passing trouble, they fail clearly. */
const RETRIED = new Set<FaultKind>(['rateLimit', 'serverError', 'emptyBody', 'dropConnection', 'timeout']);
const FAST = { maxAttempts: 3, timeoutSeconds: 1 };

const summary = {
	faults: 0,
	recovered: 0,
	failedClearly: 0,
	addsPerItem: new Set<number>(),
	addsPerKeyAfterRerun: new Set<number>(),
	badInputs: 0,
	badInputsNamed: 0,
};
const keyScan = new KeyScan(API_KEY);
let panel: DemoPanel;

beforeAll(async () => {
	panel = await frozenPanel({ apiKey: API_KEY, balance: 1_000_000 });
	keyScan.start();
});
afterAll(async () => {
	await panel.close();
	keyScan.stop();
	console.log(
		[
			'Reliability summary',
			`  faults tried: ${summary.faults}, recovered: ${summary.recovered}, failed clearly: ${summary.failedClearly}`,
			`  orders the panel took per item when an answer was lost: ${[...summary.addsPerItem].join(', ')} (must be 1)`,
			`  ... and after a re-run with the same Idempotency Key: ${[...summary.addsPerKeyAfterRerun].join(', ')} (must be 1)`,
			`  bad inputs tried: ${summary.badInputs}, rejected naming the field: ${summary.badInputsNamed}`,
			`  places the API key was found: ${keyScan.places.length}${keyScan.places.length ? ` (${keyScan.places.join(', ')})` : ''}`,
		].join('\n'),
	);
});

async function run(parameters: INodeParameters): Promise<NodeRun> {
	const result = await runNode({
		node: new SmmPanel(),
		credentialType: new SmmPanelApi(),
		credentials: { url: panel.url, apiKey: API_KEY },
		parameters,
	});
	keyScan.check('outputs', result.items);
	keyScan.check('errors', result.error);
	return result;
}

/** A clear failure: the node stopped with a NodeApiError saying what happened and what to do. */
function expectClearFailure(result: NodeRun) {
	expect(result.error?.name).toBe('NodeApiError');
	expect(result.error?.message.length).toBeGreaterThan(10);
	expect(String(result.error?.description ?? '').length).toBeGreaterThan(10);
}

describe('reads', () => {
	let orderIds: string[];
	let refillId: string;
	beforeAll(async () => {
		orderIds = await placeOrders(panel, 2);
		panel.advance(20_000);
		refillId = String(((await panelCall(panel, { action: 'refill', order: orderIds[0] })) as { refill: string }).refill);
	});

	const reads: Array<[string, string, () => INodeParameters]> = [
		['service:getAll', 'services', () => ({ resource: 'service', operation: 'getAll' })],
		['account:getBalance', 'balance', () => ({ resource: 'account', operation: 'getBalance' })],
		['order:get', 'status', () => ({ resource: 'order', operation: 'get', orderId: orderIds[0] })],
		['order:getMany', 'status', () => ({ resource: 'order', operation: 'getMany', orderIds: orderIds.join(',') })],
		['refill:get', 'refill_status', () => ({ resource: 'refill', operation: 'get', refillId })],
		['refill:getMany', 'refill_status', () => ({ resource: 'refill', operation: 'getMany', refillIds: `${refillId}, ${refillId}` })],
	];

	describe.each(reads)('%s', (_name, action, parameters) => {
		test.each(FAULTS)('one %s: retried where it may be, else a clear failure', async (kind) => {
			panel.setFaults([{ kind, actions: [action], count: 1 }]);
			const result = await run({ ...parameters(), additionalFields: FAST });
			summary.faults++;
			if (RETRIED.has(kind)) {
				expect(result.error).toBeUndefined();
				expect(result.items.length).toBeGreaterThan(0);
				summary.recovered++;
			} else {
				expectClearFailure(result);
				summary.failedClearly++;
			}
		});

		test.each(FAULTS.filter((kind) => RETRIED.has(kind)))('a lasting %s fails clearly after the last attempt', async (kind) => {
			panel.setFaults([{ kind, actions: [action] }]);
			const before = panel.stats.byAction[action] ?? 0;
			const result = await run({ ...parameters(), additionalFields: { ...FAST, maxAttempts: 2 } });
			panel.setFaults([]);
			summary.faults++;
			expectClearFailure(result);
			expect((panel.stats.byAction[action] ?? 0) - before).toBe(2);
			summary.failedClearly++;
		});
	});
});

describe('orders, refills and cancels are never sent twice', () => {
	test.each(FAULTS)('an order whose answer is lost to %s, then run again with its Idempotency Key', async (kind) => {
		const link = `https://instagram.com/p/fault-${kind}`;
		const order: INodeParameters = {
			resource: 'order',
			operation: 'create',
			service: { __rl: true, mode: 'id', value: '1' },
			orderType: 'default',
			link,
			quantity: 100,
			additionalFields: { ...FAST, idempotencyKey: `shop-${kind}` },
		};
		panel.setFaults([{ kind, actions: ['add'], count: 1, afterProcessing: true }]);
		const result = await run(order);
		summary.faults++;
		const taken = panel.stats.addsByLink[link] ?? 0;
		summary.addsPerItem.add(taken);
		expect(taken).toBe(1);
		if (kind === 'rateLimit') {
			// A 429 is the panel refusing before it does anything: waited out and sent again.
			expect(result.error).toBeUndefined();
			expect(result.items[0].json.order).toEqual(expect.any(Number));
			summary.recovered++;
		} else {
			expectClearFailure(result);
			expect(result.error?.description).toMatch(/may have been placed/i);
			summary.failedClearly++;
		}
		// The shop re-sends its webhook: the key says the order exists (or may), so nothing is sent.
		const rerun = await run(order);
		expect(rerun.error?.message).toMatch(/already placed/);
		expect(panel.stats.addsByLink[link]).toBe(1);
		summary.addsPerKeyAfterRerun.add(panel.stats.addsByLink[link]);
	});

	test.each(FAULTS.filter((kind) => kind !== 'rateLimit'))('a cancel and a refill whose answers are lost to %s', async (kind) => {
		const [pending] = await placeOrders(panel, 1);
		const [done] = await placeOrders(panel, 1);
		panel.advance(20_000);
		for (const [action, parameters] of [
			['cancel', { resource: 'order', operation: 'cancel', orderIds: `${pending}, ${done}` }],
			['refill', { resource: 'refill', operation: 'create', orderIds: `${done}, ${pending}` }],
		] as const) {
			panel.setFaults([{ kind, actions: [action], count: 1, afterProcessing: true }]);
			const before = panel.stats.byAction[action] ?? 0;
			const result = await run({ ...parameters, additionalFields: FAST });
			summary.faults++;
			expect((panel.stats.byAction[action] ?? 0) - before).toBe(1);
			// Per id: the panel may have acted; say so, so the user checks before asking again.
			expect(result.error).toBeUndefined();
			expect(result.items.map((item) => item.json.error)).toEqual([
				expect.stringMatching(/may have taken/),
				expect.stringMatching(/may have taken/),
			]);
			summary.failedClearly++;
		}
	});
});

describe('bad input', () => {
	test.each([...BAD_ORDERS, ...BAD_IDS])('%s is refused before any request', async (_label, parameters, field) => {
		const before = panel.stats.requests;
		const result = await run(parameters);
		summary.badInputs++;
		expect(panel.stats.requests).toBe(before);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(new RegExp(field.replace(/([a-z])([A-Z])/g, '$1 ?$2'), 'i'));
		summary.badInputsNamed++;
	});
});

test('the key scan finds the key when it is logged or sent in a URL (so "found nowhere" means something)', async () => {
	keyScan.stop(); // the suite's own scan must not see the probe
	const probe = new KeyScan(API_KEY);
	probe.start();
	coreLogger().error(`probe ${API_KEY}`);
	await new Promise((resolve) => http.get(`${panel.url}?key=${API_KEY}`, (response) => response.resume().on('end', resolve)));
	probe.stop();
	probe.check('outputs', [{ json: { nested: { deep: [API_KEY] } } }]);
	keyScan.start();
	expect(probe.places).toEqual(['logs', 'request URLs', 'outputs']);
});

test('the API key was found nowhere', () => {
	keyScan.stop(); // checks what was logged and requested so far
	expect(keyScan.places).toEqual([]);
	keyScan.start();
});
