#!/usr/bin/env node
// Posts JSON bodies to an n8n production webhook all at once, as a shop or a sheet job would, and
// writes every answer to <out.json>: [{ status, body, ms }].
//
//   node post-at-once.js rows <url> <tag> <calls> <rows-per-call> <out.json>
//        each call carries its own rows {service, link, quantity, key}; the link and the key name the row
//   node post-at-once.js again <url> <tag> <rows> <key-suffix> <out.json>
//        one call with some rows of call 0 (e.g. "3,17,42") again, each key with the suffix: the user
//        placing on purpose, with new keys, rows the panel lacks
//   node post-at-once.js same <url> <tag> <calls> <out.json>
//        the same shop order {shopOrder, service, link, quantity} posted <calls> times
//
// A 404 (webhook not registered yet: nothing ran) is tried again for up to 60 s.
'use strict';

const fs = require('node:fs');

const rowLink = (tag, call, row) => `https://www.instagram.com/${tag}_c${call}_r${row}/`;

const row = (tag, call, index, keySuffix = '') => ({
	service: 1,
	link: rowLink(tag, call, index),
	quantity: 100,
	key: `${tag}-c${call}-r${index}${keySuffix}`,
});

function rowsBodies(tag, calls, rowsPerCall) {
	return Array.from({ length: calls }, (_, call) => ({
		rows: Array.from({ length: rowsPerCall }, (_, index) => row(tag, call, index)),
	}));
}

function sameBodies(tag, calls) {
	const order = { shopOrder: `shop-${tag}`, service: 1, link: `https://www.instagram.com/${tag}/`, quantity: 150 };
	return Array.from({ length: calls }, () => order);
}

async function post(url, body) {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const answer = await postOnce(url, body);
		if (answer.status !== 404 || Date.now() > deadline) return answer;
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
}

async function postOnce(url, body) {
	const started = Date.now();
	try {
		const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
		const text = await response.text();
		let parsed;
		try {
			parsed = JSON.parse(text);
		} catch {
			parsed = text;
		}
		return { status: response.status, body: parsed, ms: Date.now() - started };
	} catch (error) {
		return { status: 0, body: String(error.cause?.code ?? error.message), ms: Date.now() - started };
	}
}

async function main() {
	// `calls` is the row list for `again`.
	const [mode, url, tag, calls, ...rest] = process.argv.slice(2);
	let bodies;
	let out;
	if (mode === 'rows') {
		bodies = rowsBodies(tag, Number(calls), Number(rest[0]));
		out = rest[1];
	} else if (mode === 'again') {
		bodies = [{ rows: calls.split(',').map((index) => row(tag, 0, Number(index), rest[0])) }];
		out = rest[1];
	} else if (mode === 'same') {
		bodies = sameBodies(tag, Number(calls));
		out = rest[0];
	} else {
		console.error('usage: post-at-once.js rows|again|same ... (see the top of this file)');
		process.exit(2);
	}
	const answers = await Promise.all(bodies.map((body) => post(url, body)));
	fs.writeFileSync(out, `${JSON.stringify(answers, null, 2)}\n`);
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
