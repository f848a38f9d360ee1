import nock from 'nock';

import { SmmPanelApi } from '../../credentials/SmmPanelApi.credentials';
import { testCredential } from '../../demo/engine';
import { frozenPanel } from '../helpers/demoPanel';

/** The credential's "Test" button, as n8n runs it. */
describe('SMM Panel API credential test', () => {
	afterEach(() => nock.cleanAll());

	test('a working URL and key: "Connection successful", after asking the panel for the balance', async () => {
		const panel = await frozenPanel();
		try {
			const result = await testCredential(new SmmPanelApi(), { url: `${panel.url}/`, apiKey: panel.apiKey });
			expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
			expect(panel.stats.byAction).toEqual({ balance: 1 });
		} finally {
			await panel.close();
		}
	});

	test('a bad key: the panel\'s own words, and what to do', async () => {
		const panel = await frozenPanel();
		try {
			const result = await testCredential(new SmmPanelApi(), { url: panel.url, apiKey: 'not-the-key' });
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
	])('a URL that answers with %s: "did not answer like an SMM panel API"', async (_what, status, body) => {
		nock('https://shop.example').post('/').reply(status, body as never);
		const result = await testCredential(new SmmPanelApi(), { url: 'https://shop.example/', apiKey: 'KEY-1' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/did not answer like an SMM panel API/);
	});

	test('a URL that is not found: the HTTP status', async () => {
		nock('https://panel.example').post('/api/v9').reply(404, 'Not Found');
		const result = await testCredential(new SmmPanelApi(), { url: 'https://panel.example/api/v9', apiKey: 'KEY-1' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/404|Not Found/);
	});
});
