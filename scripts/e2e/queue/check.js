#!/usr/bin/env node
// Checks the queue-mode scenarios against the demo panel's own log of the orders it took
// (GET /demo/orders) and against what the collector received. Prints one line; exits 1 on a failure.
//
//   node check.js rows <panel-url> <tag> <calls> <rows-per-call> [answers.json]
//        every row of post-at-once.js rows taken exactly once (and, with answers, none failed)
//   node check.js same <panel-url> <tag>          the storm's shop order taken exactly once
//   node check.js claimed <panel-url> <tag> "<status> <panel order>"   ... and its claim row says placed, that order
//   node check.js ids <panel-url>                 prints the ids of every order taken, comma separated
//   node check.js missing <panel-url> <tag> <rows>  rows of call 0 the panel did not take, e.g. "3,17,42"
//   node check.js count <panel-url> <tag>         prints how many orders of that tag the panel took
//   node check.js placed-at-least <panel-url> <tag> <n>   exit 0 once the panel took n of them
//   node check.js stats <panel-url>               prints "<requests> <answered 429>" so far
//   node check.js summary <file> <execution>      what that execution's Summary node posted
//   node check.js answers <answers.json>          the storefront's answers, counted: "1 × order 1600, 4 × placed earlier"
//   node check.js collected <file> <route> <ids>  each id reported exactly once on that route
//   node check.js arrived <file> <route> <ids>    exit 0 once each id has arrived at least once
'use strict';

const fs = require('node:fs');

/** The link of a row of post-at-once.js rows. */
const rowLink = (tag, call, row) => `https://www.instagram.com/${tag}_c${call}_r${row}/`;

/** The orders of one tag of post-at-once.js rows. */
async function tagged(panelUrl, tag) {
	return (await taken(panelUrl)).filter((o) => String(o.target).includes(`/${tag}_c`));
}

async function taken(panelUrl) {
	const response = await fetch(new URL('/demo/orders', panelUrl));
	if (!response.ok) throw new Error(`panel log: HTTP ${response.status}`);
	return (await response.json()).orders;
}

function countBy(values) {
	const counts = new Map();
	for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
	return counts;
}

function finish(ok, line, details) {
	console.log(`${line}${details ? ` ${JSON.stringify(details)}` : ''}`);
	process.exit(ok ? 0 : 1);
}

const checks = {
	async rows(panelUrl, tag, calls, rowsPerCall, answersFile) {
		const orders = await tagged(panelUrl, tag);
		const counts = countBy(orders.map((o) => o.target));
		const expected = new Set();
		for (let call = 0; call < Number(calls); call++) {
			for (let row = 0; row < Number(rowsPerCall); row++) expected.add(rowLink(tag, call, row));
		}
		const tally = (test) => [...expected].filter((link) => test(counts.get(link) ?? 0)).length;
		const result = {
			rows: expected.size,
			panelOrders: orders.length,
			once: tally((n) => n === 1),
			placedTwiceOrMore: tally((n) => n > 1),
			missing: tally((n) => n === 0),
		};
		const unexpected = orders.filter((o) => !expected.has(o.target)).length;
		if (unexpected > 0) result.unexpected = unexpected;
		let ok = result.once === expected.size && unexpected === 0;
		if (answersFile) {
			const answers = JSON.parse(fs.readFileSync(answersFile, 'utf8'));
			result.answers = answers.map((a) => (a.status === 200 ? `${a.body.placed}/${a.body.rows}` : `HTTP ${a.status}`)).join(' ');
			result.failedInN8n = answers.reduce((sum, a) => sum + (a.status === 200 ? a.body.failed : 0), 0);
			const errors = [...new Set(answers.flatMap((a) => (a.status === 200 ? a.body.errors : [JSON.stringify(a.body).slice(0, 200)])))];
			if (errors.length > 0) result.errors = errors;
			ok = ok && answers.every((a) => a.status === 200) && result.failedInN8n === 0;
		}
		finish(ok, ok ? 'every row placed exactly once' : 'rows not placed exactly once', result);
	},

	async same(panelUrl, tag) {
		const n = (await taken(panelUrl)).filter((o) => o.target === `https://www.instagram.com/${tag}/`).length;
		finish(n === 1, `${n}`);
	},

	async claimed(panelUrl, tag, claimRow) {
		const orders = (await taken(panelUrl)).filter((o) => o.target === `https://www.instagram.com/${tag}/`).map((o) => String(o.order));
		const ok = orders.length === 1 && claimRow === `placed ${orders[0]}`;
		finish(ok, `${orders.length} panel order(s) ${orders.join(',')}; claim row: ${claimRow || 'none'}`);
	},

	async missing(panelUrl, tag, rows) {
		const links = new Set((await tagged(panelUrl, tag)).map((o) => o.target));
		const missing = Array.from({ length: Number(rows) }, (_, row) => row).filter((row) => !links.has(rowLink(tag, 0, row)));
		console.log(missing.join(','));
	},

	async count(panelUrl, tag) {
		console.log(await tagged(panelUrl, tag).then((orders) => orders.length));
	},

	async 'placed-at-least'(panelUrl, tag, n) {
		process.exit((await tagged(panelUrl, tag)).length >= Number(n) ? 0 : 1);
	},

	async stats(panelUrl) {
		const response = await fetch(new URL('/demo/orders', panelUrl));
		const { stats } = await response.json();
		console.log(`${stats.requests} ${stats.rateLimited}`);
	},

	summary(file, execution) {
		const summaries = posts(file, 'summary').map((post) => post.body).filter((body) => String(body.execution) === execution);
		if (summaries.length === 0) return finish(true, 'no summary posted (the execution did not reach its end)');
		// The errors' gist: keys and item numbers differ from item to item.
		const gist = (errors) => [...new Set(errors.map((e) => e.replace(/"[^"]*"/g, '"…"').replace(/ \(item \d+\)/, '')))];
		const describe = (s) => `${s.placed} placed, ${s.failed} failed of ${s.rows}${s.errors.length ? `: ${gist(s.errors).join(' / ')}` : ''}`;
		finish(true, summaries.map(describe).join('; then '));
	},

	answers(file) {
		const describe = ({ status, body }) => {
			if (status !== 200) return `HTTP ${status}`;
			if (body.error === undefined) return `order ${body.order}`;
			return /already placed by an earlier run/.test(body.error) ? '"placed earlier"' : `"${String(body.error).slice(0, 100)}"`;
		};
		const counts = countBy(JSON.parse(fs.readFileSync(file, 'utf8')).map(describe));
		console.log([...counts].map(([answer, n]) => `${n} × ${answer}`).join(', '));
	},

	async ids(panelUrl) {
		console.log((await taken(panelUrl)).map((o) => o.order).join(','));
	},

	collected(file, route, ids) {
		const counts = countBy(reported(file, route));
		const wanted = ids.split(',');
		const repeated = wanted.filter((id) => (counts.get(id) ?? 0) > 1);
		const missing = wanted.filter((id) => !counts.has(id));
		const unexpected = [...counts.keys()].filter((id) => !wanted.includes(id));
		const ok = repeated.length === 0 && missing.length === 0 && unexpected.length === 0;
		finish(ok, ok ? `each of ${wanted.length} orders reported exactly once` : 'not each order exactly once', {
			reports: [...counts.values()].reduce((sum, n) => sum + n, 0),
			repeated: repeated.slice(0, 10),
			missing: missing.slice(0, 10),
			unexpected: unexpected.slice(0, 10),
			posts: posts(file, route).length,
		});
	},

	arrived(file, route, ids) {
		const seen = new Set(reported(file, route));
		process.exit(ids.split(',').every((id) => seen.has(id)) ? 0 : 1);
	},
};

function posts(file, route) {
	if (!fs.existsSync(file)) return [];
	return fs
		.readFileSync(file, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line))
		.filter((post) => post.route === route);
}

/** Order ids in the collector's posts for a route, one per report ({orders: [{order, ...}]}). */
function reported(file, route) {
	return posts(file, route).flatMap((post) => (post.body.orders ?? []).map((o) => String(o.order)));
}

const [name, ...args] = process.argv.slice(2);
if (!checks[name]) {
	console.error(`usage: check.js ${Object.keys(checks).join('|')} ...`);
	process.exit(2);
}
Promise.resolve(checks[name](...args)).catch((error) => finish(false, error.message));
