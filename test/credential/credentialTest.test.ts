import nock from 'nock';

import { SmmPanelApi } from '../../credentials/SmmPanelApi.credentials';
import { testCredential } from '../../demo/engine';
import { SmmPanel } from '../../nodes/SmmPanel/SmmPanel.node';
import { frozenPanel } from '../helpers/demoPanel';

/** The Test button, as n8n runs it for this package: the node's `testedBy` method. */
const pressTest = async (credentials: { url: string; apiKey: string }) => await testCredential(new SmmPanelApi(), credentials, [new SmmPanel()]);

/** The credential's "Test" button, as n8n runs it. */
describe('SMM Panel API credential test', () => {
	afterEach(() => nock.cleanAll());

	test('a working URL and key: "Connection successful", after asking the panel for the balance', async () => {
		const panel = await frozenPanel();
		try {
			const result = await pressTest({ url: `${panel.url}/`, apiKey: panel.apiKey });
			expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
			expect(panel.stats.byAction).toEqual({ balance: 1 });
		} finally {
			await panel.close();
		}
	});

	test('a bad key: the panel\'s own words, and what to do', async () => {
		const panel = await frozenPanel();
		try {
			const result = await pressTest({ url: panel.url, apiKey: 'not-the-key' });
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/"Invalid API key"/);
			expect(result.message).toMatch(/copy the key again/);
		} finally {
			await panel.close();
		}
	});

	test.each([
		['a web page', 200, '<!DOCTYPE html><html><body>Welcome to our shop</body></html>'],
		['an empty answer', 200, ''],
		['some other API', 200, { ok: true, user: 'me' }],
		['a JSON error page of another API, HTTP 404', 404, { error: 'Not Found' }],
	])('a URL that answers with %s: "check the API URL"', async (_what, status, body) => {
		nock('https://shop.example').post('/').reply(status, body as never);
		const result = await pressTest({ url: 'https://shop.example/', apiKey: 'KEY-1' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/Check the API URL/);
		expect(result.message).not.toMatch(/KEY-1/);
	});

	test('a mistyped API path (HTTP 404 page): says so, and to check the API URL', async () => {
		nock('https://panel.example').post('/api/v9').reply(404, '<html><body>Not Found</body></html>', { 'Content-Type': 'text/html' });
		const result = await pressTest({ url: 'https://panel.example/api/v9', apiKey: 'KEY-1' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/HTTP 404/);
		expect(result.message).toMatch(/Check the API URL/);
	});

	test('the demo panel at a wrong path: check the API URL', async () => {
		const panel = await frozenPanel();
		try {
			const result = await pressTest({ url: panel.url.replace('/api/v2', '/api/v1'), apiKey: panel.apiKey });
			expect(result.message).toMatch(/HTTP 404.*Check the API URL/);
		} finally {
			await panel.close();
		}
	});

	/** Wrong keys as real panel servers answer them (see docs/panels.md). */
	test.each([
		['SmartPanel: HTTP 200, padded text', 200, { error: 'API is Disable for this user or User Not Found! Contact the Support          ' }, 'API is Disable for this user or User Not Found! Contact the Support'],
		['SMM script with codes: HTTP 200, code as text', 200, { error: 'API key is incorrect', status: '102' }, 'API key is incorrect'],
		['Laravel-style: HTTP 401', 401, { error: 'Invalid API key' }, 'Invalid API key'],
		['HTTP 403 with a message object', 403, { error: { message: 'Your account is inactive' } }, 'Your account is inactive'],
		['status "error" and a message', 200, { status: 'error', message: 'Invalid api key' }, 'Invalid api key'],
	])('a wrong key on %s: the panel\'s own words', async (_what, status, body, words) => {
		nock('https://panel.example').post('/api/v2').reply(status, body);
		const result = await pressTest({ url: 'https://panel.example/api/v2', apiKey: 'KEY-1' });
		expect(result.status).toBe('Error');
		expect(result.message).toContain(`"${words}`);
		expect(result.message).not.toMatch(/did not answer like an SMM panel API|Check the API URL/);
	});

	test('a balance answered with HTTP 201 and "status": "success": connection successful', async () => {
		nock('https://panel.example').post('/api/v2').reply(201, { status: 'success', balance: '12.50', currency: 'USD' });
		expect(await pressTest({ url: 'https://panel.example/api/v2', apiKey: 'KEY-1' })).toEqual({ status: 'OK', message: 'Connection successful!' });
	});
});
