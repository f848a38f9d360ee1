/**
 * One HTML page with HTTP 200 (a maintenance or firewall page) from a panel that has answered
 * JSON in this execution is passing trouble: a read is tried again. From a URL that never
 * answered JSON it is the wrong URL: the read fails at once. An order, refill or cancel is sent
 * again only after a 429, whatever the page.
 */
import { type Reply, blockRealNetwork, fakePanel, inTurn, json, runPanelNode, serviceById } from '../action/support';

blockRealNetwork();

const MAINTENANCE_PAGE: Reply = {
	status: 200,
	contentType: 'text/html',
	body: '<!doctype html><html><head><title>Down for maintenance</title></head><body><h1>Back in a minute</h1></body></html>',
};
const statusOf = (ids: string) => Object.fromEntries(ids.split(',').map((id) => [id, { charge: '1', status: 'Completed', remains: '0' }]));
const IDS = Array.from({ length: 150 }, (_, index) => 5001 + index).join(',');

test('Get Many: a page after a batch answered JSON is retried, and every id gets its status', async () => {
	let pageSent = false;
	const panel = fakePanel((form, index) => {
		if (index === 1 && !pageSent) return (pageSent = true), MAINTENANCE_PAGE;
		return json(statusOf(form.orders));
	});
	const run = await runPanelNode({ panel, parameters: { resource: 'order', operation: 'getMany', orderIds: IDS, additionalFields: { requestsInFlight: 1 } } });

	expect(run.error).toBeUndefined();
	expect(run.json).toHaveLength(150);
	expect(run.json.every((item) => item.status === 'Completed')).toBe(true);
	expect(panel.requests).toHaveLength(3); // two batches, one of them twice
});

test('a balance read after the panel answered JSON to the first item retries the page', async () => {
	// The page comes late, so that the first item's JSON answer has been read whichever way n8n
	// sends the two items' requests.
	const panel = fakePanel(inTurn(json({ balance: '12.5', currency: 'USD' }), { ...MAINTENANCE_PAGE, delayMs: 200 }, json({ balance: '12.5', currency: 'USD' })));
	const run = await runPanelNode({ panel, parameters: { resource: 'account', operation: 'getBalance' }, items: [{}, {}] });

	expect(run.error).toBeUndefined();
	expect(run.json).toEqual([
		{ balance: 12.5, currency: 'USD' },
		{ balance: 12.5, currency: 'USD' },
	]);
	expect(panel.requests).toHaveLength(3);
});

test('from a URL that never answered JSON, the page fails the read at once with the usual advice', async () => {
	const panel = fakePanel(() => MAINTENANCE_PAGE);
	const run = await runPanelNode({ panel, parameters: { resource: 'account', operation: 'getBalance' } });

	expect(run.error?.message).toBe('The panel answered with an HTML page, not JSON');
	expect(run.error?.description).toMatch(/check that the credential URL is the API URL/);
	expect(panel.requests).toHaveLength(1);
});

test('an order answered with a page is not sent again, even after the panel answered JSON', async () => {
	const panel = fakePanel((form) => (form.action === 'services' ? json([{ service: 1, name: 'Followers', type: 'Default', rate: '0.9', min: '10', max: '1000' }]) : MAINTENANCE_PAGE));
	const run = await runPanelNode({
		panel,
		parameters: { resource: 'order', operation: 'create', service: serviceById('1'), orderType: 'default', link: 'https://instagram.com/p/x', quantity: 100, additionalFields: { checkServiceList: true } },
	});

	expect(panel.ofAction('add')).toHaveLength(1);
	expect(run.error?.description).toMatch(/may have been placed/);
});
