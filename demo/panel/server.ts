import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

import type { Answer } from './answers';
import type { Reply } from './faults';
import type { PanelRuntime } from './runtime';

/**
 * The HTTP side of the demo panel: reads requests, waits the configured latency, sends what the
 * runtime decided (or drops / holds the connection), counts requests in flight, and closes fast.
 */

const MAX_BODY_BYTES = 1024 * 1024;
const HOST = '127.0.0.1';

export interface PanelServer {
	port: number;
	close(): Promise<void>;
}

export async function startPanelServer(runtime: PanelRuntime, port: number): Promise<PanelServer> {
	const sockets = new Set<Socket>();
	const latencyTimers = new Set<NodeJS.Timeout>();
	let closing = false;

	const server: Server = createServer((request, response) => {
		const { stats } = runtime;
		stats.requests += 1;
		stats.inFlight += 1;
		stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
		// 'close' fires once, whether the answer was sent or the connection went away.
		response.once('close', () => {
			stats.inFlight -= 1;
		});

		readBody(request)
			.then(async (body) => {
				const admitted = runtime.admit();
				const writesSeen = runtime.balanceWrites;
				await delay(runtime.latencyMs, latencyTimers);
				if (closing) return;
				const reply = runtime.reply({
					method: request.method ?? 'GET',
					pathname: new URL(request.url ?? '/', `http://${HOST}`).pathname,
					contentType: request.headers['content-type'],
					body,
					admitted,
					writesSeen,
				});
				sendReply(reply, request, response);
			})
			.catch((error: Error) => {
				if (closing || response.headersSent) return;
				const tooLarge = error instanceof BodyTooLargeError;
				send(response, {
					status: tooLarge ? 413 : 400,
					contentType: 'application/json',
					body: JSON.stringify({ error: tooLarge ? 'Request body too large' : 'Incorrect request' }),
				});
			});
	});

	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.once('close', () => sockets.delete(socket));
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, HOST, () => {
			server.off('error', reject);
			resolve();
		});
	});

	const address = server.address();
	if (address === null || typeof address === 'string') throw new Error('Demo panel: no TCP address');

	return {
		port: address.port,
		close: () => {
			if (closing) return Promise.resolve();
			closing = true;
			for (const timer of latencyTimers) clearTimeout(timer);
			latencyTimers.clear();
			const closed = new Promise<void>((resolve) => server.close(() => resolve()));
			// Includes keep-alive sockets and the ones a 'timeout' fault is holding open.
			for (const socket of sockets) socket.destroy();
			return closed;
		},
	};
}

function sendReply(reply: Reply, request: IncomingMessage, response: ServerResponse): void {
	switch (reply.kind) {
		case 'answer':
			send(response, reply.answer);
			return;
		case 'drop':
			request.socket.destroy();
			return;
		case 'hold':
			// Never answer: the socket stays open until the client gives up or the panel closes.
			return;
	}
}

function send(response: ServerResponse, answer: Answer): void {
	response.writeHead(answer.status, {
		'Content-Type': answer.contentType,
		'Content-Length': Buffer.byteLength(answer.body),
		...answer.headers,
	});
	response.end(answer.body);
}

class BodyTooLargeError extends Error {}

function readBody(request: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(new BodyTooLargeError());
				return;
			}
			chunks.push(chunk);
		});
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
	});
}

function delay(ms: number, timers: Set<NodeJS.Timeout>): Promise<void> {
	if (ms <= 0) return Promise.resolve();
	return new Promise((resolve) => {
		const timer = setTimeout(() => {
			timers.delete(timer);
			resolve();
		}, ms);
		timers.add(timer);
	});
}
