#!/usr/bin/env node
// An MCP client (the official SDK) calls the SMM Panel tools behind the e2e MCP Server Trigger
// workflow (workflows/e2e-mcp.json), as an agent would, and checks every answer.
//
//   node mcp.js <mcp url> <panel stats url> <panel api key> <finished order ids, comma separated>
//
// Prints one line per finding (✗) or a summary; exits 1 on a failure.
'use strict';

const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const { StreamableHTTPClientTransport } = require('@modelcontextprotocol/sdk/client/streamableHttp.js');

const [mcpUrl, statsUrl, panelKey, finishedIds = ''] = process.argv.slice(2);
const TOOLS = ['list_services', 'get_balance', 'place_comments_order', 'order_status', 'order_get', 'cancel_orders', 'request_refills', 'refill_get', 'refill_status'];
const STATUSES = ['Pending', 'In progress', 'Processing', 'Completed', 'Partial', 'Canceled', 'Refunded', 'Failed', 'Active'];

const problems = [];
const texts = [];
const summary = [];
const expect = (condition, message) => {
	if (!condition) problems.push(message);
	return condition;
};
const show = (value) => JSON.stringify(value).slice(0, 300);
const isId = (value) => (typeof value === 'number' && Number.isInteger(value)) || (typeof value === 'string' && /^[A-Za-z0-9_-]+$/.test(value));

let client;

/** One tool call: `{ ok, json }` for an answer, `{ ok: false, text }` for an error answer. */
async function call(name, args) {
	const result = await client.callTool({ name, arguments: args });
	const text = result.content?.map((part) => part.text ?? '').join('') ?? '';
	texts.push(text);
	if (result.isError) return { ok: false, text };
	try {
		return { ok: true, json: JSON.parse(text), text };
	} catch {
		return { ok: false, text };
	}
}

async function panelStats() {
	return await (await fetch(statsUrl)).json();
}

async function connect() {
	const deadline = Date.now() + 60_000;
	for (;;) {
		client = new Client({ name: 'smm-panel-e2e', version: '1.0.0' });
		try {
			await client.connect(new StreamableHTTPClientTransport(new URL(mcpUrl)));
			return;
		} catch (error) {
			if (Date.now() > deadline) throw new Error(`could not connect to ${mcpUrl}: ${error.message}`);
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
	}
}

async function main() {
	await connect();

	const { tools } = await client.listTools();
	texts.push(JSON.stringify(tools));
	const names = tools.map((tool) => tool.name);
	expect(TOOLS.every((name) => names.includes(name)), `tools listed: ${names}`);
	const status = tools.find((tool) => tool.name === 'order_status');
	expect(/list of order ID numbers separated by commas/.test(status?.description ?? ''), `order_status description: ${status?.description}`);
	expect(Object.keys(status?.inputSchema?.properties ?? {}).join() === 'orderIds', `order_status input: ${show(status?.inputSchema)}`);
	const create = tools.find((tool) => tool.name === 'place_comments_order');
	const createInputs = Object.keys(create?.inputSchema?.properties ?? {}).sort().join();
	expect(createInputs === 'comments,link,service', `place_comments_order asks for ${createInputs} (never for a limit)`);
	summary.push(`${names.length} tools listed`);

	const services = await call('list_services', { name: 'comments' });
	expect(services.ok && services.json.length > 0 && services.json.every((s) => /comments/i.test(s.name)), `list_services: ${show(services)}`);
	const balance = await call('get_balance', {});
	expect(balance.ok && typeof balance.json[0]?.balance === 'number', `get_balance: ${show(balance)}`);

	// A non-default order type, within the limits: 10 comments on service 2 (8 per 1000) cost 0.08.
	const comments = Array.from({ length: 10 }, (_, index) => `Great post ${index + 1}`).join('\n');
	const placed = await call('place_comments_order', { service: 2, link: 'https://www.instagram.com/p/e2e_mcp_ok/', comments });
	const orderId = placed.ok ? placed.json[0]?.order : undefined;
	expect(isId(orderId) && placed.json[0].orderType === 'customComments', `place_comments_order: ${show(placed)}`);
	summary.push(`placed custom comments order ${orderId}`);

	// Refused by the limits: 200 comments cost 1.6 (above Max Charge Per Order 1); service 23 is not allowed.
	const tooDear = await call('place_comments_order', {
		service: 2,
		link: 'https://www.instagram.com/p/e2e_mcp_too_dear/',
		comments: Array.from({ length: 200 }, (_, index) => `Comment ${index + 1}`).join('\n'),
	});
	expect(!tooDear.ok && /Max Charge Per Order/.test(tooDear.text), `above Max Charge Per Order: ${show(tooDear)}`);
	const notAllowed = await call('place_comments_order', { service: 23, link: 'https://www.tiktok.com/@e2e/video/mcp_not_allowed', comments });
	expect(!notAllowed.ok && /Allowed Services/.test(notAllowed.text), `outside Allowed Services: ${show(notAllowed)}`);
	const stats = await panelStats();
	const adds = stats.addsByLink ?? {};
	expect(adds['https://www.instagram.com/p/e2e_mcp_ok/'] === 1, `the panel's record: the allowed order placed once ${show(adds)}`);
	expect(adds['https://www.instagram.com/p/e2e_mcp_too_dear/'] === undefined, `the panel took the order above Max Charge Per Order ${show(adds)}`);
	expect(adds['https://www.tiktok.com/@e2e/video/mcp_not_allowed'] === undefined, `the panel took the order outside Allowed Services ${show(adds)}`);
	summary.push(`refused: "${tooDear.text.split('\n')[0]}" / "${notAllowed.text.split('\n')[0]}"; the panel took neither`);

	// Statuses for ids given as text, separated every which way.
	const finished = finishedIds.split(',').filter(Boolean);
	const many = await call('order_status', { orderIds: `${orderId}, ${finished.join(' ')}` });
	expect(many.ok && many.json.length === finished.length + 1 && many.json.every((o) => isId(o.order) && STATUSES.includes(o.status)), `order_status: ${show(many)}`);
	const one = await call('order_get', { orderId: String(orderId) });
	expect(one.ok && String(one.json[0]?.order) === String(orderId) && STATUSES.includes(one.json[0]?.status), `order_get: ${show(one)}`);
	summary.push(`statuses ${many.ok ? many.json.map((o) => `${o.order}:${o.status}`).join(', ') : '-'}`);

	const cancel = await call('cancel_orders', { orderIds: String(orderId) });
	expect(cancel.ok && String(cancel.json[0]?.order) === String(orderId) && (cancel.json[0].cancel === true || typeof cancel.json[0].error === 'string'), `cancel_orders: ${show(cancel)}`);

	// Refills of the finished orders: one per id, the new refill id or the panel's reason.
	const refills = await call('request_refills', { orderIds: finished.join(', ') });
	expect(refills.ok && refills.json.length === finished.length && refills.json.every((r) => isId(r.order) && (isId(r.refill) || typeof r.error === 'string')), `request_refills: ${show(refills)}`);
	const made = refills.ok ? refills.json.filter((r) => isId(r.refill)).map((r) => String(r.refill)) : [];
	if (expect(made.length > 0, `request_refills made no refill ${show(refills)}`)) {
		const refill = await call('refill_get', { refillId: made[0] });
		expect(refill.ok && String(refill.json[0]?.refill) === made[0] && typeof refill.json[0]?.status === 'string', `refill_get: ${show(refill)}`);
		const refillMany = await call('refill_status', { refillIds: made.join(',') });
		expect(refillMany.ok && refillMany.json.length === made.length && refillMany.json.every((r) => typeof r.status === 'string'), `refill_status: ${show(refillMany)}`);
		summary.push(`refills ${made.join(', ')}`);
	}

	expect(!texts.some((text) => text.includes(panelKey)), 'the API key appears in a tool answer');
	await client.close();
}

main()
	.catch((error) => problems.push(error.message))
	.finally(() => {
		for (const problem of problems) console.log(`    ✗ ${problem}`);
		if (problems.length === 0) console.log(`    ${summary.join('; ')}`);
		process.exit(problems.length === 0 ? 0 : 1);
	});
