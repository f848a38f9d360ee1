#!/usr/bin/env node
// What the editor asks a running n8n for, through its REST API: set up the owner, test the
// credentials (the "Test" button), search services in the Service list (resource locator), and
// "Fetch Test Event" on a trigger (a manual run of the trigger node).
//   node editor.js <n8n base url> <n8n install folder> <trigger workflow id> <trigger node> <watched order ids>
// Prints one line per finding; exits 1 when something is off.
'use strict';

const path = require('node:path');

const [base, n8nDir, workflowId, triggerName, orderIds] = process.argv.slice(2);
// Execution data comes back in n8n's "flatted" form: read it with n8n's own copy.
const { parse: unflatten } = require(require.resolve('flatted', { paths: [path.join(n8nDir, 'node_modules', 'n8n')] }));
const { session } = require('./rest');

const problems = [];
const { call, login } = session(base);

function expect(condition, message) {
	if (!condition) problems.push(message);
	return condition;
}

const demo = { id: 'smmPanelDemo', name: 'SMM Panel (demo)' };
const wrongKey = { id: 'smmPanelBadKey', name: 'SMM Panel (wrong key)' };

/** As the editor's "Test" button does: the stored credential (secrets blanked) sent back to be tested. */
async function testCredential(credential) {
	const stored = await call('GET', `/credentials/${credential.id}?includeData=true`);
	const data = stored.json.data?.data ?? {};
	const { status, json } = await call('POST', '/credentials/test', { credentials: { ...credential, type: 'smmPanelApi', data } });
	return { status, result: json.data ?? json };
}

/** "Fetch Test Event" on the trigger: the current state of every watched order, one item each. */
async function fetchTestEvent() {
	const stored = await call('GET', `/workflows/${workflowId}`);
	const workflowData = stored.json.data;
	if (!expect(workflowData?.nodes, `read workflow ${workflowId}: HTTP ${stored.status}`)) return [];
	const run = await call('POST', `/workflows/${workflowId}/run`, {
		workflowData,
		triggerToStartFrom: { name: triggerName },
		destinationNode: { nodeName: triggerName, mode: 'inclusive' },
	});
	const executionId = run.json.data?.executionId;
	if (!expect(executionId, `fetch test event: HTTP ${run.status} ${JSON.stringify(run.json).slice(0, 300)}`)) return [];

	const deadline = Date.now() + 30_000;
	let execution;
	do {
		await new Promise((resolve) => setTimeout(resolve, 500));
		execution = (await call('GET', `/executions/${executionId}`)).json.data;
	} while (execution && !execution.finished && !['success', 'error', 'crashed'].includes(execution.status) && Date.now() < deadline);
	const data = execution && typeof execution.data === 'string' ? unflatten(execution.data) : execution?.data;
	const task = data?.resultData?.runData?.[triggerName]?.[0];
	const error = data?.resultData?.error ?? task?.error;
	if (!expect(task && !error, `fetch test event: ${error ? `${error.message} ${error.description ?? ''}` : `no run of "${triggerName}" (status ${execution?.status})`}`)) return [];
	const items = (task.data?.main?.[0] ?? []).map((item) => item.json);
	const watched = orderIds.split(',');
	expect(
		items.length === watched.length && items.every((i) => i.event === 'orderFinished' && watched.includes(String(i.order)) && typeof i.status === 'string'),
		`fetch test event: expected one item per watched order, got ${JSON.stringify(items).slice(0, 300)}`,
	);
	return items;
}

async function main() {
	await login();
	const good = await testCredential(demo);
	expect(good.result.status === 'OK', `credential test (right key): ${JSON.stringify(good)}`);
	const bad = await testCredential(wrongKey);
	expect(bad.result.status === 'Error' && /invalid api key/i.test(bad.result.message), `credential test (wrong key): ${JSON.stringify(bad)}`);

	const search = await call('POST', '/dynamic-node-parameters/resource-locator-results', {
		nodeTypeAndVersion: { name: 'n8n-nodes-smm-panel.smmPanel', version: 1 },
		path: 'service',
		methodName: 'searchServices',
		filter: 'followers',
		credentials: { smmPanelApi: demo },
		currentNodeParameters: {
			resource: 'order',
			operation: 'create',
			service: { __rl: true, mode: 'list', value: '' },
			orderType: 'default',
		},
	});
	const results = search.json.data?.results ?? [];
	expect(
		search.status === 200 && results.length > 0 && results.every((r) => /followers/i.test(r.name) && r.value !== undefined && r.value !== ''),
		`service search "followers": HTTP ${search.status} ${JSON.stringify(search.json).slice(0, 300)}`,
	);

	const events = await fetchTestEvent();

	if (problems.length === 0) {
		console.log(`    credential test: "${good.result.message}"; wrong key: "${bad.result.message}"`);
		console.log(`    service search "followers": ${results.length} results, first "${results[0].name}" (${results[0].value})`);
		console.log(`    fetch test event: ${events.map((e) => `${e.order}:${e.status}`).join(', ')}`);
	}
}

main()
	.catch((error) => problems.push(String(error)))
	.finally(() => {
		for (const problem of problems) console.log(`    ✗ ${problem}`);
		process.exit(problems.length === 0 ? 0 : 1);
	});
