#!/usr/bin/env node
// A tiny HTTP collector standing in for a chat webhook: every POST to /<route> is appended to
// <file> as one JSON line {route, body, at} (at: when it arrived, ms).   node collector.js <port> <file>
'use strict';

const fs = require('node:fs');
const http = require('node:http');

const [port, file] = process.argv.slice(2);
fs.writeFileSync(file, '');

http
	.createServer((request, response) => {
		let body = '';
		request.on('data', (chunk) => (body += chunk));
		request.on('end', () => {
			const route = request.url.replace(/^\/+/, '').split('?')[0];
			let parsed;
			try {
				parsed = JSON.parse(body);
			} catch {
				parsed = { raw: body };
			}
			fs.appendFileSync(file, `${JSON.stringify({ route, body: parsed, at: Date.now() })}\n`);
			response.writeHead(200, { 'Content-Type': 'application/json' });
			response.end('{"ok":true}');
		});
	})
	.listen(Number(port), '127.0.0.1', () => console.log(`collector listening on http://127.0.0.1:${port}`));
