#!/usr/bin/env node
// Posts JSON to a production webhook and checks the reply names an order.
//   node post.js <url> <json> <reply-file> [wait-seconds]
// Retries while the webhook is not registered yet (404) or n8n does not answer, never after it answered.
'use strict';

const fs = require('node:fs');

const [url, body, replyFile, waitSeconds = '60'] = process.argv.slice(2);
const deadline = Date.now() + Number(waitSeconds) * 1000;

async function main() {
	for (;;) {
		let response;
		try {
			response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
		} catch {
			response = undefined;
		}
		if (response && response.status !== 404) {
			const text = await response.text();
			fs.writeFileSync(replyFile, `HTTP ${response.status} ${text}`);
			let reply;
			try {
				reply = JSON.parse(text);
			} catch {
				process.exit(1);
			}
			const id = reply.order;
			process.exit(response.ok && (typeof id === 'number' || (typeof id === 'string' && id !== '')) ? 0 : 1);
		}
		if (Date.now() > deadline) {
			fs.writeFileSync(replyFile, response ? 'HTTP 404 (webhook never registered)' : 'no answer');
			process.exit(1);
		}
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
}

main();
