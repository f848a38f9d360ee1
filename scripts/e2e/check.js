#!/usr/bin/env node
// Checks what n8n produced, without jq.
//
//   node check.js <check> <file> [save-file]
//
// <file> is the stdout of `n8n execute --rawOutput` (log lines, then the run as JSON), or for
// `collector` the JSON lines the collector wrote. Prints one line per finding; exits 1 on a failure.
// `orders` writes the ids of the orders it saw placed to [save-file], comma separated.
'use strict';

const fs = require('node:fs');

const STATUSES = ['Pending', 'In progress', 'Processing', 'Completed', 'Partial', 'Canceled', 'Refunded', 'Failed', 'Active'];
const problems = [];

function expect(condition, message) {
	if (!condition) problems.push(message);
	return condition;
}

const isId = (value) => (typeof value === 'number' && Number.isInteger(value)) || (typeof value === 'string' && /^[A-Za-z0-9_-]+$/.test(value));
const isNumber = (value) => typeof value === 'number' && Number.isFinite(value);
const show = (value) => JSON.stringify(value).slice(0, 300);

/** The run JSON: from the first line that is just "{" to the last line that is just "}". */
function readRun(file) {
	const lines = fs.readFileSync(file, 'utf8').split('\n');
	const start = lines.findIndex((line) => line === '{');
	let end = lines.length - 1;
	while (end > start && lines[end] !== '}') end--;
	if (start < 0 || end <= start) throw new Error(`no run JSON in ${file}`);
	return JSON.parse(lines.slice(start, end + 1).join('\n'));
}

/** The items one node put out (first run, first output), or fails the check. */
function itemsOf(run, nodeName) {
	const runs = run.data?.resultData?.runData?.[nodeName];
	if (!expect(Array.isArray(runs) && runs.length > 0, `node "${nodeName}" did not run`)) return [];
	const task = runs[0];
	if (!expect(!task.error, `node "${nodeName}" failed: ${task.error?.message} ${task.error?.description ?? ''}`)) return [];
	return (task.data?.main?.[0] ?? []).map((item) => item.json);
}

const checks = {
	read(run) {
		const services = itemsOf(run, 'List Services');
		expect(services.length >= 10, `List Services: expected the demo catalog, got ${services.length} items`);
		for (const s of services) {
			const ok = isId(s.service) && typeof s.name === 'string' && typeof s.type === 'string' && typeof s.category === 'string';
			if (!expect(ok && isNumber(s.rate) && isNumber(s.min) && isNumber(s.max), `List Services: bad item ${show(s)}`)) break;
		}
		const first = services.find((s) => String(s.service) === '1');
		expect(first && first.rate === 0.9 && first.min === 50 && first.max === 10000, `List Services: service 1 is ${show(first)}`);

		const followers = itemsOf(run, 'Find Followers Services');
		expect(followers.length > 0 && followers.length < services.length, `Find Followers Services: ${followers.length} of ${services.length}`);
		expect(followers.every((s) => /followers/i.test(s.name) && s.type === 'Default'), `Find Followers Services: filter not applied ${show(followers)}`);

		const [balance] = itemsOf(run, 'Get Balance');
		expect(balance && isNumber(balance.balance) && typeof balance.currency === 'string', `Get Balance: ${show(balance)}`);
		return `${services.length} services, ${followers.length} followers services, balance ${balance?.balance} ${balance?.currency}`;
	},

	orders(run, saveFile) {
		const created = itemsOf(run, 'Create Orders');
		expect(created.length === 3, `Create Orders: expected 3 items, got ${created.length}`);
		expect(created.every((o) => isId(o.order) && !o.error), `Create Orders: ${show(created)}`);
		const ids = created.map((o) => String(o.order));
		expect(new Set(ids).size === ids.length, `Create Orders: ids not distinct ${ids}`);

		const many = itemsOf(run, 'Get Many');
		expect(many.length === 3, `Get Many: expected 3 items, got ${many.length}`);
		expect(
			many.every((o) => ids.includes(String(o.order)) && STATUSES.includes(o.status) && !o.error),
			`Get Many: ${show(many)}`,
		);

		const each = itemsOf(run, 'Get Each');
		expect(each.length === 3, `Get Each: expected 3 items, got ${each.length}`);
		expect(
			each.every((o, i) => String(o.order) === ids[i] && STATUSES.includes(o.status) && isNumber(o.charge) && typeof o.currency === 'string'),
			`Get Each: ${show(each)}`,
		);

		const estimates = itemsOf(run, 'Estimate Only');
		expect(estimates.length === 3 && estimates.every((e) => e.order === undefined && !e.error), `Estimate Only: ${show(estimates)}`);

		if (saveFile) fs.writeFileSync(saveFile, ids.join(','));
		return `orders ${ids.join(', ')}: ${many.map((o) => o.status).join(', ')}; charges ${each.map((o) => o.charge).join(', ')}`;
	},

	errors(run) {
		const [wrongKey] = itemsOf(run, 'Wrong Key');
		expect(wrongKey && /invalid api key/i.test(String(wrongKey.error)), `Wrong Key: expected the panel's "Invalid API key", got ${show(wrongKey)}`);
		expect(!JSON.stringify(run).includes('not-the-key'), 'the wrong API key appears in the run data');

		const [tooFew] = itemsOf(run, 'Quantity Below Min');
		expect(tooFew && typeof tooFew.error === 'string' && tooFew.order === undefined, `Quantity Below Min: ${show(tooFew)}`);

		const unknown = itemsOf(run, 'Unknown Order');
		expect(unknown.length === 1 && String(unknown[0].order) === '987654321' && typeof unknown[0].error === 'string', `Unknown Order: ${show(unknown)}`);
		return `wrong key: "${wrongKey?.error}"; below min: "${tooFew?.error}"; unknown order: "${unknown[0]?.error}"`;
	},

	// The same keyed order in two executions: the first places it, the second is refused from n8n's database.
	'store-first'(run) {
		const [first] = itemsOf(run, 'Keyed Order');
		expect(first && isId(first.order) && !first.error, `first execution: expected an order, got ${show(first)}`);
		return `order ${first?.order}`;
	},

	'store-again'(run) {
		const [again] = itemsOf(run, 'Keyed Order');
		expect(again && again.order === undefined && /already placed by an earlier run/.test(String(again.error)), `second execution: expected "already placed", got ${show(again)}`);
		return `"${again?.error}"`;
	},

	'store-unavailable'(run) {
		const [refused] = itemsOf(run, 'Keyed Order');
		expect(refused && refused.order === undefined && /Idempotency Key cannot be used here/.test(String(refused.error)), `expected the Idempotency Key refused, got ${show(refused)}`);
		return `"${refused?.error}"`;
	},

	bulk(run) {
		const placed = itemsOf(run, 'Place Orders');
		expect(placed.length === 3 && placed.every((o) => isId(o.order)), `Place Orders: ${show(placed)}`);
		return `orders ${placed.map((o) => o.order).join(', ')}`;
	},

	refills(run) {
		const refills = itemsOf(run, 'Create Refills');
		expect(refills.length === 3, `Create Refills: expected 3 items, got ${refills.length}`);
		expect(refills.every((r) => isId(r.order) && (isId(r.refill) || typeof r.error === 'string')), `Create Refills: ${show(refills)}`);
		const made = refills.filter((r) => isId(r.refill));
		expect(made.length >= 1, `Create Refills: no refill placed (service 1 refills) ${show(refills)}`);

		const statuses = itemsOf(run, 'Refill Status');
		expect(statuses.length === made.length, `Refill Status: expected ${made.length} items, got ${statuses.length}`);
		expect(statuses.every((r) => isId(r.refill) && typeof r.status === 'string' && !r.error), `Refill Status: ${show(statuses)}`);

		const cancels = itemsOf(run, 'Cancel Orders');
		expect(cancels.length === 3 && cancels.every((c) => isId(c.order) && (c.cancel !== undefined || typeof c.error === 'string')), `Cancel Orders: ${show(cancels)}`);
		return `refills ${made.map((r) => `${r.order}→${r.refill}`).join(', ')} (${statuses.map((r) => r.status).join(', ')}); cancel: ${cancels.map((c) => c.error ?? c.cancel).join(' / ')}`;
	},
};

function collector(file, orderIds) {
	const received = fs.existsSync(file)
		? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line))
		: [];
	const notify = received.filter((r) => r.route === 'notify').map((r) => r.body);
	const low = received.filter((r) => r.route === 'low-balance').map((r) => r.body);
	const price = received.filter((r) => r.route === 'price-watch').map((r) => r.body);

	const seen = notify.map((n) => String(n.order));
	for (const id of orderIds) {
		const count = seen.filter((s) => s === id).length;
		expect(count === 1, `order ${id} arrived ${count} times (expected exactly once)`);
	}
	expect(seen.every((id) => orderIds.includes(id)), `unexpected orders arrived: ${seen}`);
	expect(notify.every((n) => STATUSES.includes(n.status) && /finished/.test(n.text)), `notification items: ${show(notify)}`);
	expect(low.length === 1 && isNumber(low[0].balance) && /below/.test(low[0].text), `low balance: expected one alert, got ${show(low)}`);
	expect(price.length === 0, `price watch: expected nothing (prices do not change), got ${show(price)}`);
	return `finished orders ${notify.map((n) => `${n.order}:${n.status}`).join(', ')}; low balance alerts ${low.length}; price alerts ${price.length}`;
}

/** Exit 0 once every watched order and the low balance alert have arrived (duplicates are for `collector`). */
function collectorReady(file, orderIds) {
	const received = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line)) : [];
	const seen = new Set(received.filter((r) => r.route === 'notify').map((r) => String(r.body.order)));
	const ready = orderIds.every((id) => seen.has(id)) && received.some((r) => r.route === 'low-balance');
	process.exit(ready ? 0 : 1);
}

function main() {
	const [name, file, extra] = process.argv.slice(2);
	if (name === 'collector-ready') collectorReady(file, (extra ?? '').split(',').filter(Boolean));
	let summary;
	try {
		if (name === 'collector') summary = collector(file, (extra ?? '').split(',').filter(Boolean));
		else if (checks[name]) {
			const run = readRun(file);
			const error = run.data?.resultData?.error;
			if (error) problems.push(`workflow failed: ${error.message} ${error.description ?? ''}`);
			summary = checks[name](run, extra);
		} else throw new Error(`unknown check ${name}`);
	} catch (error) {
		problems.push(error.message);
	}
	for (const problem of problems) console.log(`    ✗ ${problem}`);
	if (summary && problems.length === 0) console.log(`    ${summary}`);
	process.exit(problems.length === 0 ? 0 : 1);
}

main();
