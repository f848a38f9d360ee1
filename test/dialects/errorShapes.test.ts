/**
 * Error shapes of public panel server code and their frameworks (docs/panels.md), as the node shows
 * them: the panel's words and what to do, and whether an order may have been placed.
 */
import { blockRealNetwork, fakePanel, runPanelNode } from '../action/support';

blockRealNetwork();

const CREATE = {
	resource: 'order',
	operation: 'create',
	service: { __rl: true, mode: 'id', value: '1' },
	orderType: 'default',
	link: 'https://instagram.com/p/x',
	quantity: 5,
};

async function placeOn(status: number, body: object) {
	const panel = fakePanel(() => ({ status, body }));
	const run = await runPanelNode({ panel, parameters: CREATE, continueOnFail: true });
	return run.items[0].json;
}

describe('an order refused in the shapes real panel servers use', () => {
	test('Laravel validation (HTTP 422): its message and the first reason; refused, so not "may have been placed"', async () => {
		const json = await placeOn(422, { message: 'The given data was invalid.', errors: { quantity: ['The quantity must be at least 10.'] } });
		expect(json.error).toBe('The given data was invalid. The quantity must be at least 10.');
		expect(json.uncertain).toBeUndefined();
		expect(json.description).not.toMatch(/may have been placed/);
	});

	test('Laravel without a route for it (HTTP 405): check the API URL', async () => {
		const json = await placeOn(405, { message: 'The POST method is not supported for route api/v2. Supported methods: GET, HEAD.' });
		expect(json.error).toMatch(/The POST method is not supported.*\(HTTP 405\)/);
		expect(json.description).toMatch(/Check the API URL/);
	});

	test('{"status": "error", "message": ...} with HTTP 200 (SmartPanel): the message', async () => {
		const json = await placeOn(200, { status: 'error', message: 'This services does not support Dripfeed feature!' });
		expect(json.error).toBe('This services does not support Dripfeed feature!');
		expect(json.uncertain).toBeUndefined();
	});

	test('a code beside the text (SMMTürk-style): kept after the words, the advice still found', async () => {
		const json = await placeOn(200, { error: 'You have insufficient balance', status: 113 });
		expect(json.error).toBe('You have insufficient balance (code 113)');
		expect(json.description).toMatch(/Top up your balance/);
	});

	test('HTTP 400 with {"error": ...} (Next.js panels): the words, refused', async () => {
		const json = await placeOn(400, { error: 'insufficient_balance' });
		expect(json.error).toBe('insufficient_balance');
		expect(json.uncertain).toBeUndefined();
	});

	test('an order placed with HTTP 201: its id', async () => {
		const json = await placeOn(201, { order: 4242 });
		expect(json.order).toBe(4242);
	});
});
