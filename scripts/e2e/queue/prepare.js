#!/usr/bin/env node
// Writes the workflows the queue-mode run imports into n8n (credentials come from ../prepare.js).
//
//   node prepare.js bulk <dir>       webhooks that place the rows they are posted, key off   env: E2E_COLLECTOR_URL
//   node prepare.js keyed <dir>      the same with an Idempotency Key, and the storefront with one   env: E2E_COLLECTOR_URL
//   node prepare.js claimed <dir> <credentials.json>   the README's queue-mode example (its key claimed in
//                                    Postgres) and its Postgres credential   env: E2E_PG_PORT, E2E_PG_DATABASE
//   node prepare.js cost <dir>       bulk rows answered when placed, key off and on (one n8n process: cost.sh)
//   node prepare.js tracking <dir>   env: E2E_ORDER_IDS, E2E_COLLECTOR_URL, E2E_TRACKING_SECONDS
//                                    Order → Get Many (report finished) on a schedule, and the trigger
'use strict';

const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

/** Workflow ids and webhook paths used by run.sh (n8n 1.x accepts ids of at most 16 characters). */
const IDS = {
	bulk: 'smmQBulk00000001',
	bulkInBackground: 'smmQBulkBg000001',
	bulkKeyed: 'smmQBulkKey00001',
	storefront: 'smmQStorefront01',
	claimed: 'smmQClaimed00001',
	costNoKey: 'smmCostNoKey0001',
	costKey: 'smmCostKey000001',
	tracking: 'smmQTracking0001',
	trigger: 'smmQTrigger00001',
};

const CREDENTIALS = { smmPanelApi: { id: 'smmPanelDemo', name: 'SMM Panel (demo)' } };

function env(name) {
	const value = process.env[name];
	if (!value) throw new Error(`${name} is not set`);
	return value;
}

function writeJson(file, value) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** An active workflow whose nodes run one after the other, positioned left to right. */
function chain(id, name, nodes) {
	nodes.forEach((node, index) => {
		node.id = `${id}-${index + 1}`;
		node.position = [index * 220, 0];
	});
	const connections = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	// Imported with --activeState=fromJson (queue mode only): active from the start.
	return { id, name, active: true, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

function webhook(pathName, responseMode) {
	return {
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		// A fixed id per path, as n8n stores it with the webhook.
		webhookId: `00000000-0000-4000-8000-${createHash('sha256').update(pathName).digest('hex').slice(0, 12)}`,
		parameters: { httpMethod: 'POST', path: pathName, responseMode, options: {} },
	};
}

function code(name, jsCode, mode = 'runOnceForAllItems') {
	return { name, type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { mode, jsCode } };
}

/** Order → Create for rows {service, link, quantity[, key]}; failures come out as items. */
function placeOrders(additionalFields) {
	return {
		name: 'Place Orders',
		type: 'n8n-nodes-smm-panel.smmPanel',
		typeVersion: 1,
		parameters: {
			resource: 'order',
			operation: 'create',
			service: { __rl: true, mode: 'id', value: '={{ $json.service }}' },
			orderType: 'default',
			link: '={{ $json.link }}',
			quantity: '={{ $json.quantity }}',
			additionalFields,
		},
		credentials: CREDENTIALS,
		onError: 'continueRegularOutput',
	};
}

const ROWS = code('Rows', 'return $json.body.rows.map((json) => ({ json }));');
const SUMMARY = code(
	'Summary',
	[
		'const items = $input.all().map((item) => item.json);',
		'const failed = items.filter((item) => item.error !== undefined);',
		'return [{ json: {',
		'  execution: $execution.id,',
		'  rows: items.length,',
		'  placed: items.filter((item) => item.order !== undefined && item.error === undefined).length,',
		'  failed: failed.length,',
		'  errors: [...new Set(failed.map((item) => String(item.error)))].slice(0, 5),',
		'} }];',
	].join('\n'),
);
const RESPOND = {
	name: 'Respond',
	type: 'n8n-nodes-base.respondToWebhook',
	typeVersion: 1.1,
	parameters: { respondWith: 'firstIncomingItem', options: {} },
};

/** Six of these run at once against one rate limit: each keeps to its share (see README, queue mode). */
const BULK_PACE = { requestsInFlight: 1, pauseMs: Number(process.env.E2E_BULK_PAUSE_MS ?? 300) };
/** One of these runs alone: the node's own pacing and its waiting out of 429s are enough. */
const ALONE_PACE = { requestsInFlight: 2 };

/** POSTs each item to the collector (a stand-in for a chat webhook), on the route given. */
function postToCollector(route) {
	return {
		name: 'Post to Collector',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: `${env('E2E_COLLECTOR_URL')}/${route}`,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '={{ JSON.stringify($json) }}',
			options: {},
		},
	};
}

/** One POST per execution, with the items as a list. */
function postList(route, listName) {
	return [code('As One List', `return [{ json: { ${listName}: $input.all().map((item) => item.json) } }];`), postToCollector(route)];
}

const phases = {
	bulk(dir) {
		writeJson(
			path.join(dir, 'bulk.json'),
			chain(IDS.bulk, 'queue: bulk rows, answered when placed', [webhook('queue-bulk', 'responseNode'), ROWS, placeOrders(BULK_PACE), SUMMARY, RESPOND]),
		);
		writeJson(
			path.join(dir, 'bulk-in-background.json'),
			chain(IDS.bulkInBackground, 'queue: bulk rows in the background', [
				webhook('queue-bulk-bg', 'onReceived'),
				ROWS,
				placeOrders(ALONE_PACE),
				SUMMARY,
				postToCollector('summary'),
			]),
		);
	},

	keyed(dir) {
		writeJson(
			path.join(dir, 'bulk-keyed.json'),
			chain(IDS.bulkKeyed, 'queue: bulk rows in the background, with an Idempotency Key', [
				webhook('queue-bulk-key', 'onReceived'),
				ROWS,
				placeOrders({ ...ALONE_PACE, idempotencyKey: '={{ $json.key }}' }),
				SUMMARY,
				postToCollector('summary'),
			]),
		);
		// The storefront example's shape: one shop order per call, the shop's order id as the key.
		const storefront = placeOrders({ idempotencyKey: '={{ $json.body.shopOrder }}' });
		Object.assign(storefront.parameters, {
			service: { __rl: true, mode: 'id', value: '={{ $json.body.service }}' },
			link: '={{ $json.body.link }}',
			quantity: '={{ Number($json.body.quantity) }}',
		});
		writeJson(
			path.join(dir, 'storefront.json'),
			chain(IDS.storefront, 'queue: storefront order with an Idempotency Key', [
				webhook('queue-shop', 'responseNode'),
				storefront,
				{ ...RESPOND, parameters: { respondWith: 'json', responseBody: '={{ JSON.stringify($json) }}', options: {} } },
			]),
		);
	},

	cost(dir) {
		writeJson(
			path.join(dir, 'cost-no-key.json'),
			chain(IDS.costNoKey, 'cost: bulk rows, no key', [webhook('cost-no-key', 'responseNode'), ROWS, placeOrders(ALONE_PACE), SUMMARY, RESPOND]),
		);
		writeJson(
			path.join(dir, 'cost-key.json'),
			chain(IDS.costKey, 'cost: bulk rows, with an Idempotency Key', [
				webhook('cost-key', 'responseNode'),
				ROWS,
				placeOrders({ ...ALONE_PACE, idempotencyKey: '={{ $json.key }}' }),
				SUMMARY,
				RESPOND,
			]),
		);
	},

	claimed(dir, credentialsFile) {
		const example = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'examples', 'queue-mode-claimed-orders.json'), 'utf8'));
		const postgres = example.nodes.find((node) => node.type === 'n8n-nodes-base.postgres').credentials.postgres;
		writeJson(credentialsFile, [
			{
				...postgres,
				type: 'postgres',
				data: { host: '127.0.0.1', port: Number(env('E2E_PG_PORT')), database: env('E2E_PG_DATABASE'), user: 'postgres', password: 'unused-with-trust', ssl: 'disable' },
			},
		]);
		writeJson(path.join(dir, 'claimed.json'), { ...example, id: IDS.claimed, active: true });
	},

	tracking(dir) {
		const ids = env('E2E_ORDER_IDS').split(',');
		const seconds = Number(process.env.E2E_TRACKING_SECONDS ?? 15);
		const schedule = {
			name: 'Every Few Seconds',
			type: 'n8n-nodes-base.scheduleTrigger',
			typeVersion: 1.2,
			parameters: { rule: { interval: [{ field: 'seconds', secondsInterval: seconds }] } },
		};
		// Stands in for "open orders from a Data Table, sheet or database".
		const openOrders = code('Open Orders', `return ${JSON.stringify(ids)}.map((order) => ({ json: { order } }));`);
		const getMany = {
			name: 'Finished Orders',
			type: 'n8n-nodes-smm-panel.smmPanel',
			typeVersion: 1,
			parameters: { resource: 'order', operation: 'getMany', orderIds: '={{ $json.order }}', additionalFields: { report: 'finished' } },
			credentials: CREDENTIALS,
		};
		writeJson(
			path.join(dir, 'tracking.json'),
			chain(IDS.tracking, 'queue: tracking flow, report finished', [schedule, openOrders, getMany, ...postList('tracking', 'orders')]),
		);

		const trigger = {
			name: 'Order Finished',
			type: 'n8n-nodes-smm-panel.smmPanelTrigger',
			typeVersion: 1,
			parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, event: 'orderFinished', orderIds: ids.join(', '), additionalFields: {} },
			credentials: CREDENTIALS,
		};
		writeJson(path.join(dir, 'trigger.json'), chain(IDS.trigger, 'queue: trigger on main, order finished', [trigger, ...postList('trigger', 'orders')]));
	},
};

const [phase, target, ...rest] = process.argv.slice(2);
if (!phases[phase] || !target) {
	console.error('usage: prepare.js bulk|keyed|claimed|tracking <dir> (see the top of this file)');
	process.exit(2);
}
phases[phase](target, ...rest);
