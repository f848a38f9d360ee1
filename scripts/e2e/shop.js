#!/usr/bin/env node
// The live-shop example (examples/track-store-orders.json) under `n8n start`, with its state in
// n8n's own database: its data table and workflow made through n8n's REST API, the panel's order
// count read from the demo panel itself, and the final check.
//
//   node shop.js table <n8n url> <state.json>                    create the data table (prints its id)
//   node shop.js activate <n8n url> <workflow.json> <state.json> create the workflow and activate it
//   node shop.js now <state.json> <field>                        store the time in state[field]
//   node shop.js reported <state.json> <collected.jsonl> <shop orders> [min runs after restart]
//                                                                exit 0 once each shop order's finish was reported
//   node shop.js check <n8n url> <state.json> <collected.jsonl> <replies dir> <shop orders>
// env: E2E_PANEL_URL, E2E_PANEL_KEY, E2E_PANEL_STATS_URL (check). <shop orders> are comma separated.
// Prints one line per finding; exits 1 when something is off.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { session } = require('./rest');

const TABLE = { name: 'smm_shop_orders', columns: ['shopOrder', 'panelOrder', 'status'].map((name) => ({ name, type: 'string' })) };
const FINAL = ['Completed', 'Partial', 'Canceled', 'Refunded', 'Failed', 'Expired'];
const problems = [];

function expect(condition, message) {
	if (!condition) problems.push(message);
	return condition;
}

const readJson = (file, fallback) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : fallback);
const updateState = (file, patch) => fs.writeFileSync(file, JSON.stringify({ ...readJson(file, {}), ...patch }, null, 2));
const readLines = (file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line)) : []);

async function loggedIn(base) {
	const rest = session(base);
	await rest.login();
	return rest;
}

/** The data table the example's Data Table nodes use, in the owner's project. */
async function table(base, stateFile) {
	const { call } = await loggedIn(base);
	const project = await call('GET', '/projects/personal');
	const projectId = project.json.data?.id;
	if (!expect(projectId, `personal project: HTTP ${project.status} ${JSON.stringify(project.json).slice(0, 200)}`)) return;
	const created = await call('POST', `/projects/${projectId}/data-tables`, TABLE);
	const tableId = created.json.data?.id;
	if (!expect(tableId, `create data table: HTTP ${created.status} ${JSON.stringify(created.json).slice(0, 300)}`)) return;
	updateState(stateFile, { projectId, tableId });
	console.log(tableId);
}

/** As the editor does: save the workflow, then activate (publish) that version. */
async function activate(base, workflowFile, stateFile) {
	const { call } = await loggedIn(base);
	const workflow = readJson(workflowFile);
	const created = await call('POST', '/workflows', { ...workflow, active: false, projectId: readJson(stateFile).projectId });
	const { id, versionId } = created.json.data ?? {};
	if (!expect(id && versionId, `save workflow: HTTP ${created.status} ${JSON.stringify(created.json).slice(0, 300)}`)) return;
	const activated = await call('POST', `/workflows/${id}/activate`, { versionId });
	if (!expect(activated.status === 200, `activate workflow: HTTP ${activated.status} ${JSON.stringify(activated.json).slice(0, 300)}`)) return;
	updateState(stateFile, { workflowId: id });
	console.log(`    workflow ${id} active; data table ${readJson(stateFile).tableId}`);
}

async function panelCall(fields) {
	const body = new URLSearchParams({ key: process.env.E2E_PANEL_KEY, ...fields });
	return await (await fetch(process.env.E2E_PANEL_URL, { method: 'POST', body })).json();
}

/** Orders the demo panel took for the shop orders' links, from its own counters. */
async function shopLinkOrderCount(statsUrl, shopOrders) {
	const stats = await (await fetch(statsUrl)).json();
	return shopOrders.reduce((sum, order) => sum + (stats.addsByLink?.[`https://www.instagram.com/e2e_${order}/`] ?? 0), 0);
}

/** What each webhook call answered: reply files `<shop order>-<n>.reply` written by post.js. */
function readReplies(dir) {
	return fs
		.readdirSync(dir)
		.filter((file) => file.endsWith('.reply'))
		.sort()
		.map((file) => {
			const text = fs.readFileSync(path.join(dir, file), 'utf8');
			const [, status, body] = /^HTTP (\d+) ([\s\S]*)$/.exec(text) ?? [];
			let reply;
			try {
				reply = JSON.parse(body);
			} catch {
				reply = { raw: text };
			}
			return { call: file.replace(/\.reply$/, ''), status: Number(status), reply };
		});
}

const shopMessages = (file) => readLines(file).filter((line) => line.route === 'shop');

/** Exit 0 once every shop order's finish was reported (repeats are for `check`) and, if asked, enough runs followed the restart. */
async function reported(stateFile, collectedFile, shopOrders, minRunsAfterRestart) {
	const seen = new Set(shopMessages(collectedFile).map((line) => String(line.body.shopOrder)));
	let ready = shopOrders.every((order) => seen.has(order));
	if (ready && minRunsAfterRestart) {
		const state = readJson(stateFile);
		ready = (await trackingRuns(await loggedIn(state.base), state)).after >= Number(minRunsAfterRestart);
	}
	process.exit(ready ? 0 : 1);
}

/** The schedule's runs of the tracking flow, before and after the restart. */
async function trackingRuns({ call }, state) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId: state.workflowId }));
	// The newest 100 (n8n 2.41 refuses more in one page); the shop part lasts a few minutes at a run every 10 s.
	const list = await call('GET', `/executions?filter=${filter}&limit=100`);
	if (!expect(list.status === 200, `execution list: HTTP ${list.status} ${JSON.stringify(list.json).slice(0, 200)}`)) return { before: 0, after: 0, failed: [] };
	const runs = (list.json.data?.results ?? []).filter((execution) => execution.mode === 'trigger');
	const startedAt = (execution) => Date.parse(execution.startedAt ?? execution.createdAt);
	const failed = runs.filter((execution) => !['success', 'running', 'new'].includes(execution.status));
	return {
		before: runs.filter((execution) => startedAt(execution) < state.restartAt).length,
		after: runs.filter((execution) => startedAt(execution) >= state.restartAt).length,
		failed: failed.map((execution) => `${execution.id}:${execution.status}`),
	};
}

async function check(base, stateFile, collectedFile, repliesDir, shopOrders) {
	const state = readJson(stateFile);
	const rest = await loggedIn(base);

	// Each webhook call: the first places an order, a repeat answers with the order placed earlier.
	const replies = readReplies(repliesDir);
	const firstOrder = new Map();
	for (const { call, status, reply } of replies) {
		const shopOrder = call.replace(/-\d+$/, '');
		const earlier = firstOrder.get(shopOrder);
		if (earlier === undefined) {
			expect(status === 200 && reply.ok === true && reply.placedEarlier === false && reply.order, `${call}: expected a new order, got HTTP ${status} ${JSON.stringify(reply)}`);
			firstOrder.set(shopOrder, String(reply.order));
		} else {
			expect(
				status === 200 && reply.placedEarlier === true && String(reply.order) === earlier && /already placed by an earlier run/.test(reply.message),
				`${call}: expected "placed earlier" with order ${earlier}, got HTTP ${status} ${JSON.stringify(reply)}`,
			);
		}
	}
	const orders = [...firstOrder.values()];
	expect(new Set(orders).size === shopOrders.length, `expected ${shopOrders.length} distinct panel orders, got ${orders}`);

	// The panel's own count: one order per shop order, however often the webhook came (orders for
	// the shop's links only: other parts of the run place orders on the same panel meanwhile).
	const placed = await shopLinkOrderCount(process.env.E2E_PANEL_STATS_URL, shopOrders);
	expect(placed === shopOrders.length, `the panel got ${placed} orders for ${shopOrders.length} shop orders (${replies.length} webhook calls)`);
	const statuses = await panelCall({ action: 'status', orders: orders.join(',') });
	expect(orders.every((id) => FINAL.includes(statuses[id]?.status)), `panel statuses: ${JSON.stringify(statuses)}`);

	// Chat messages: each finished order once, with its final status; which came after the restart.
	const messages = shopMessages(collectedFile);
	const perOrder = orders.map((id) => messages.filter((m) => String(m.body.order) === id));
	perOrder.forEach((found, i) => expect(found.length === 1, `order ${orders[i]} (${shopOrders[i]}) reported ${found.length} times`));
	expect(messages.every((m) => orders.includes(String(m.body.order)) && FINAL.includes(m.body.status)), `unexpected messages: ${JSON.stringify(messages).slice(0, 300)}`);
	const afterRestart = messages.filter((m) => m.at >= state.restartAt).map((m) => m.body.shopOrder);

	// The data table: one row per shop order, its final status written back.
	const rows = await rest.call('GET', `/projects/${state.projectId}/data-tables/${state.tableId}/rows?take=100`);
	const data = rows.json.data?.data ?? [];
	expect(data.length === shopOrders.length, `data table: expected ${shopOrders.length} rows, got ${JSON.stringify(rows.json).slice(0, 300)}`);
	expect(data.every((row) => FINAL.includes(row.status) && orders.includes(String(row.panelOrder))), `data table rows: ${JSON.stringify(data).slice(0, 300)}`);

	const runs = await trackingRuns(rest, state);
	expect(runs.before >= 1 && runs.after >= 2, `tracking runs: ${runs.before} before and ${runs.after} after the restart (want 1+ and 2+)`);
	expect(runs.failed.length === 0, `tracking runs failed: ${runs.failed}`);

	if (problems.length === 0) {
		console.log(`    ${replies.length} webhook calls for ${shopOrders.length} shop orders → ${placed} panel orders (${shopOrders.map((s, i) => `${s}→${orders[i]}`).join(', ')}), counted by the panel`);
		console.log(`    finished events per order: ${perOrder.map((found, i) => `${orders[i]}:${found.length}×${found[0].body.status}`).join(', ')}; after the restart: ${afterRestart.join(', ') || 'none'}`);
		console.log(`    tracking runs: ${runs.before} before, ${runs.after} after the restart; data table rows: ${data.map((row) => `${row.shopOrder}=${row.status}`).join(', ')}`);
	}
}

async function main() {
	const [command, ...args] = process.argv.slice(2);
	const list = (value) => (value ?? '').split(',').filter(Boolean);
	switch (command) {
		case 'table':
			updateState(args[1], { base: args[0] });
			return await table(args[0], args[1]);
		case 'activate':
			return await activate(args[0], args[1], args[2]);
		case 'now':
			return updateState(args[0], { [args[1]]: Date.now() });
		case 'reported':
			return await reported(args[0], args[1], list(args[2]), args[3]);
		case 'check':
			return await check(args[0], args[1], args[2], args[3], list(args[4]));
		default:
			throw new Error(`unknown command ${command}`);
	}
}

main()
	.catch((error) => problems.push(String(error)))
	.finally(() => {
		for (const problem of problems) console.log(`    ✗ ${problem}`);
		process.exit(problems.length === 0 ? 0 : 1);
	});
