#!/usr/bin/env node
// Writes what one e2e phase imports into n8n: the credentials, the e2e-only workflows and copies of
// the examples adjusted to run here (ids given, test hosts instead of placeholders).
//
//   node prepare.js credentials <out.json>              env: E2E_PANEL_URL, E2E_PANEL_KEY
//   node prepare.js run <dir>                           workflows run with `n8n execute`
//   node prepare.js activate <dir>                      workflows activated under `n8n start`
//                                                       env: E2E_ORDER_IDS, E2E_COLLECTOR_URL
//   node prepare.js after <dir>                         env: E2E_ORDER_IDS
//   node prepare.js shop <out.json>                     the live-shop example, saved through n8n's REST API
//                                                       env: E2E_DATA_TABLE_ID, E2E_COLLECTOR_URL
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLES = path.join(ROOT, 'examples');
const E2E_WORKFLOWS = path.join(__dirname, 'workflows');

/** Workflow ids used by run.sh (n8n 1.x accepts at most 16 characters). */
const IDS = {
	read: 'smmE2eRead000001',
	orders: 'smmE2eOrders0001',
	errors: 'smmE2eErrors0001',
	refills: 'smmE2eRefills001',
	bulk: 'smmExBulk0000001',
	storefront: 'smmExStorefront1',
	notify: 'smmExNotify00001',
	lowBalance: 'smmExLowBalance1',
	priceWatch: 'smmExPriceWatch1',
	mcp: 'smmE2eMcp0000001',
	shop: 'smmExShop0000001',
};

function env(name) {
	const value = process.env[name];
	if (!value) throw new Error(`${name} is not set`);
	return value;
}

function readJson(file) {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function writeJson(file, value) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

function e2eWorkflow(name, substitutions = {}) {
	let text = fs.readFileSync(path.join(E2E_WORKFLOWS, `${name}.json`), 'utf8');
	for (const [key, value] of Object.entries(substitutions)) text = text.split(`@@${key}@@`).join(value);
	return JSON.parse(text);
}

function example(file, id) {
	const workflow = readJson(path.join(EXAMPLES, file));
	return { ...workflow, id };
}

function node(workflow, type) {
	const found = workflow.nodes.find((n) => n.type === type);
	if (!found) throw new Error(`${workflow.name}: no node of type ${type}`);
	return found;
}

/** The example's "Post to Chat" step, enabled and pointed at the local collector. */
function postToCollector(workflow, route) {
	const http = node(workflow, 'n8n-nodes-base.httpRequest');
	delete http.disabled;
	http.parameters.url = `${env('E2E_COLLECTOR_URL')}/${route}`;
	http.parameters.jsonBody = '={{ JSON.stringify($json) }}';
	return workflow;
}

const inactive = (workflow) => ({ active: false, ...workflow });

function everyMinute(workflow) {
	node(workflow, 'n8n-nodes-smm-panel.smmPanelTrigger').parameters.pollTimes = { item: [{ mode: 'everyMinute' }] };
	return workflow;
}

const phases = {
	credentials(out) {
		writeJson(out, [
			{ id: 'smmPanelDemo', name: 'SMM Panel (demo)', type: 'smmPanelApi', data: { url: env('E2E_PANEL_URL'), apiKey: env('E2E_PANEL_KEY') } },
			{ id: 'smmPanelBadKey', name: 'SMM Panel (wrong key)', type: 'smmPanelApi', data: { url: `${env('E2E_PANEL_URL')}/`, apiKey: 'not-the-key' } },
		]);
	},

	// Each says it is inactive: n8n before 1.65 refuses to import a workflow without `active`.
	run(dir) {
		writeJson(path.join(dir, 'read.json'), inactive(e2eWorkflow('e2e-read')));
		writeJson(path.join(dir, 'orders.json'), inactive(e2eWorkflow('e2e-orders')));
		writeJson(path.join(dir, 'errors.json'), inactive(e2eWorkflow('e2e-errors')));
		writeJson(path.join(dir, 'store.json'), inactive(e2eWorkflow('e2e-store')));
		// `n8n execute` starts only from a manual trigger: the example's schedule becomes one.
		const bulk = example('scheduled-bulk-orders.json', IDS.bulk);
		const schedule = node(bulk, 'n8n-nodes-base.scheduleTrigger');
		Object.assign(schedule, { type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} });
		writeJson(path.join(dir, 'bulk.json'), inactive(bulk));
	},

	activate(dir) {
		writeJson(path.join(dir, 'storefront.json'), example('storefront-webhook-order.json', IDS.storefront));

		const notify = everyMinute(postToCollector(example('notify-orders-finished.json', IDS.notify), 'notify'));
		node(notify, 'n8n-nodes-smm-panel.smmPanelTrigger').parameters.orderIds = env('E2E_ORDER_IDS');
		writeJson(path.join(dir, 'notify.json'), notify);

		// Above any demo balance, so the alert fires once (and only once).
		const low = everyMinute(postToCollector(example('low-balance-alert.json', IDS.lowBalance), 'low-balance'));
		node(low, 'n8n-nodes-smm-panel.smmPanelTrigger').parameters.threshold = 1000000;
		writeJson(path.join(dir, 'low-balance.json'), low);

		// The demo's prices do not change: nothing may arrive from this one.
		writeJson(path.join(dir, 'price-watch.json'), everyMinute(postToCollector(example('service-price-watch.json', IDS.priceWatch), 'price-watch')));

		// The SMM Panel tools behind an MCP Server Trigger, called by scripts/e2e/mcp.js.
		writeJson(path.join(dir, 'mcp.json'), e2eWorkflow('e2e-mcp'));
	},

	// Its data table is made at run time; its schedule runs every 10 s instead of every 5 minutes.
	// "Open Orders" reads every row, finished or not: so every run asks the panel about every order,
	// and only the node's memory (Report: Finished, in n8n's database) keeps a finished order from
	// being reported again, also after n8n restarted.
	shop(out) {
		const shop = postToCollector(example('track-store-orders.json', IDS.shop), 'shop');
		const table = { __rl: true, mode: 'id', value: env('E2E_DATA_TABLE_ID') };
		shop.nodes.filter((n) => n.type === 'n8n-nodes-base.dataTable').forEach((n) => (n.parameters.dataTableId = table));
		node(shop, 'n8n-nodes-base.scheduleTrigger').parameters.rule = { interval: [{ field: 'seconds', secondsInterval: 10 }] };
		const openOrders = shop.nodes.find((n) => n.name === 'Open Orders');
		if (!openOrders) throw new Error(`${shop.name}: no node "Open Orders"`);
		openOrders.parameters.filters = {};
		writeJson(out, shop);
	},

	after(dir) {
		writeJson(path.join(dir, 'refills.json'), e2eWorkflow('e2e-refills', { ORDER_IDS: env('E2E_ORDER_IDS') }));
	},
};

const [phase, target] = process.argv.slice(2);
if (!phases[phase] || !target) {
	console.error('usage: prepare.js credentials|run|activate|after|shop <target>');
	process.exit(2);
}
phases[phase](target);
