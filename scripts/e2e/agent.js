#!/usr/bin/env node
// n8n's AI Agent with the OpenAI Chat Model node and the SMM Panel tools, as the README's recipe
// sets them up (On Error left as it is), against a scripted OpenAI-compatible server: no model, no
// network. The server plays one conversation with tool calls and records every request it gets.
//
//   node agent.js serve <port> <requests.jsonl>            the scripted model server (runs until killed)
//   node agent.js prepare <dir> <credentials.json> <line>  the workflow (webhook → AI Agent) and its OpenAI credential
//                                                          env: E2E_MODEL_URL (…/v1)
//   node agent.js ask <webhook url> <order ids> <reply-file> <requests.jsonl> <panel stats url> <panel api key>
//                                                          a customer's message to the workflow, then the checks
//
// The conversation: statuses of the order ids in the user's text, the balance, a Custom Comments
// order, an order above Max Charge Per Order, an order outside Allowed Services (the service is of
// another type too: the refusal must name Allowed Services), refills of the same ids, a last answer.
'use strict';

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const WORKFLOW_ID = 'smmE2eAgent00001';
const WEBHOOK_PATH = 'smm-e2e-agent';
const LINKS = {
	comments: 'https://www.instagram.com/p/e2e_agent_comments/',
	tooDear: 'https://www.instagram.com/e2e_agent_too_dear/',
	notAllowed: 'https://www.instagram.com/p/e2e_agent_not_allowed/',
};
const FINAL_ANSWER = 'All done: statuses read, balance read, one comments order placed, two orders refused, refills asked for.';

/** The user's order ids: every number in the first user message. */
function idsIn(messages) {
	const user = messages.find((message) => message.role === 'user');
	const text = typeof user?.content === 'string' ? user.content : JSON.stringify(user?.content ?? '');
	return text.match(/\d+/g) ?? [];
}

/** The tool call of each step; the step is the number of tool answers the conversation has so far. */
function scriptedCall(step, ids) {
	const comments = Array.from({ length: 10 }, (_, index) => `Lovely post ${index + 1}`).join('\n');
	return [
		// As a model might write them: commas and a space.
		['order_status', { orderIds: `${ids.slice(0, -1).join(', ')} ${ids.at(-1)}`.trim() }],
		['get_balance', {}],
		// 10 comments on service 2 (8 per 1000): 0.08, within the limits.
		['place_comments_order', { service: 2, link: LINKS.comments, comments }],
		// 10000 followers on service 1 (0.90 per 1000): 9, above Max Charge Per Order 1.
		['place_order', { service: 1, link: LINKS.tooDear, quantity: 10000 }],
		// Service 2 is outside Allowed Services "1, 4" (and of type Custom Comments).
		['place_order', { service: 2, link: LINKS.notAllowed, quantity: 100 }],
		['request_refills', { orderIds: ids.join(', ') }],
	][step];
}

function completion(body) {
	const messages = body.messages ?? [];
	const step = messages.filter((message) => message.role === 'tool').length;
	const call = scriptedCall(step, idsIn(messages));
	const offered = (body.tools ?? []).map((tool) => tool.function?.name);
	if (call && !offered.includes(call[0])) return { content: `SCRIPT ERROR: no tool ${call[0]} among ${offered.join(', ')}` };
	if (!call) return { content: FINAL_ANSWER };
	return { toolCall: { id: `call_e2e_${step}`, type: 'function', function: { name: call[0], arguments: JSON.stringify(call[1]) } } };
}

function serve(port, logFile) {
	let served = 0;
	const server = http.createServer((request, response) => {
		let raw = '';
		request.on('data', (chunk) => (raw += chunk));
		request.on('end', () => {
			fs.appendFileSync(logFile, `${JSON.stringify({ method: request.method, url: request.url, headers: request.headers, body: raw })}\n`);
			if (request.method === 'GET' && request.url.endsWith('/models')) {
				response.writeHead(200, { 'Content-Type': 'application/json' });
				response.end(JSON.stringify({ object: 'list', data: [{ id: 'scripted-e2e', object: 'model', owned_by: 'e2e' }] }));
				return;
			}
			if (request.method !== 'POST' || !request.url.endsWith('/chat/completions')) {
				response.writeHead(404, { 'Content-Type': 'application/json' });
				response.end(JSON.stringify({ error: { message: `no ${request.method} ${request.url} here` } }));
				return;
			}
			const body = JSON.parse(raw || '{}');
			const { content, toolCall } = completion(body);
			const id = `chatcmpl-e2e-${++served}`;
			const created = Math.floor(Date.now() / 1000);
			const finish = toolCall ? 'tool_calls' : 'stop';
			const usage = { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 };
			if (body.stream) {
				response.writeHead(200, { 'Content-Type': 'text/event-stream' });
				const chunk = (delta, finishReason, extra = {}) =>
					response.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [{ index: 0, delta, finish_reason: finishReason }], ...extra })}\n\n`);
				chunk(toolCall ? { role: 'assistant', content: null, tool_calls: [{ index: 0, ...toolCall }] } : { role: 'assistant', content }, null);
				chunk({}, finish, body.stream_options?.include_usage ? { usage } : {});
				response.end('data: [DONE]\n\n');
				return;
			}
			const message = toolCall ? { role: 'assistant', content: null, tool_calls: [toolCall] } : { role: 'assistant', content };
			response.writeHead(200, { 'Content-Type': 'application/json' });
			response.end(JSON.stringify({ id, object: 'chat.completion', created, model: body.model, choices: [{ index: 0, message, finish_reason: finish }], usage }));
		});
	});
	server.listen(Number(port), '127.0.0.1');
}

/** The README's recipe: SMM Panel Tool nodes, the limits in the node, On Error as it is. */
function tool(name, x, parameters) {
	return {
		id: `e2e-agent-${name}`,
		name,
		type: 'n8n-nodes-smm-panel.smmPanelTool',
		typeVersion: 1,
		position: [x, 260],
		parameters,
		credentials: { smmPanelApi: { id: 'smmPanelDemo', name: 'SMM Panel (demo)' } },
	};
}

const fromAI = (key, description, type = 'string') => `={{ $fromAI('${key}', '${description}', '${type}') }}`;

function prepare(dir, credentialsFile, line) {
	const modelUrl = process.env.E2E_MODEL_URL;
	if (!modelUrl) throw new Error('E2E_MODEL_URL is not set');
	const serviceId = { __rl: true, mode: 'id', value: fromAI('service', 'The service ID', 'number') };
	const tools = [
		tool('order_status', -300, { resource: 'order', operation: 'getMany', orderIds: fromAI('orderIds', 'Order IDs separated by commas'), additionalFields: {} }),
		tool('get_balance', -150, { resource: 'account', operation: 'getBalance', additionalFields: {} }),
		tool('place_order', 0, {
			resource: 'order',
			operation: 'create',
			service: serviceId,
			orderType: 'default',
			link: fromAI('link', 'The URL of the post or profile'),
			quantity: fromAI('quantity', 'How many', 'number'),
			additionalFields: { maxChargePerOrder: 1, allowedServices: '1, 4' },
		}),
		tool('place_comments_order', 150, {
			resource: 'order',
			operation: 'create',
			service: serviceId,
			orderType: 'customComments',
			link: fromAI('link', 'The URL of the post'),
			comments: fromAI('comments', 'The comments, one per line'),
			additionalFields: { maxChargePerOrder: 1, allowedServices: '2' },
		}),
		tool('request_refills', 300, { resource: 'refill', operation: 'create', orderIds: fromAI('orderIds', 'Order IDs separated by commas'), additionalFields: {} }),
	];
	const workflow = {
		id: WORKFLOW_ID,
		name: 'e2e: an AI Agent with the SMM Panel tools and a scripted OpenAI-compatible model',
		settings: { executionOrder: 'v1' },
		pinData: {},
		nodes: [
			{
				id: 'e2e-agent-webhook',
				name: 'Customer Message',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [-400, 0],
				webhookId: '5b0e7c1d-2a3f-4c6e-9b8d-7e6f5a4b3c21',
				parameters: { httpMethod: 'POST', path: WEBHOOK_PATH, responseMode: 'lastNode', options: {} },
			},
			{
				id: 'e2e-agent-agent',
				name: 'AI Agent',
				type: '@n8n/n8n-nodes-langchain.agent',
				// The version a new AI Agent node gets on each line.
				typeVersion: line === '1' ? 3 : 3.1,
				position: [0, 0],
				parameters: { promptType: 'define', text: '={{ $json.body.message }}', options: { systemMessage: 'You order and track social media services for customers.' } },
			},
			{
				id: 'e2e-agent-model',
				name: 'OpenAI Chat Model',
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: 1.2,
				position: [-300, 260],
				parameters: { model: { __rl: true, mode: 'id', value: 'scripted-e2e' }, options: {} },
				credentials: { openAiApi: { id: 'openAiScriptedE2e', name: 'OpenAI (scripted e2e server)' } },
			},
			...tools,
		],
		connections: {
			'Customer Message': { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'OpenAI Chat Model': { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] },
			...Object.fromEntries(tools.map((node) => [node.name, { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] }])),
		},
	};
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'agent.json'), JSON.stringify(workflow, null, 2));
	const credential = { id: 'openAiScriptedE2e', name: 'OpenAI (scripted e2e server)', type: 'openAiApi', data: { apiKey: 'sk-scripted-e2e', url: modelUrl } };
	fs.writeFileSync(credentialsFile, JSON.stringify([credential], null, 2));
}

// ---- check ----

const problems = [];
const expect = (condition, message) => {
	if (!condition) problems.push(message);
	return condition;
};
const show = (value) => String(JSON.stringify(value)).slice(0, 400);
const isId = (value) => (typeof value === 'number' && Number.isInteger(value)) || (typeof value === 'string' && /^[A-Za-z0-9_-]+$/.test(value));
const STATUSES = ['Pending', 'In progress', 'Processing', 'Completed', 'Partial', 'Canceled', 'Refunded', 'Failed', 'Active'];

/** The tool answer of each step, as the model server received it in the conversation. */
function toolAnswers(requests) {
	const answers = [];
	for (const request of requests) {
		const messages = JSON.parse(request.body || '{}').messages ?? [];
		messages.filter((message) => message.role === 'tool').forEach((message, step) => {
			answers[step] ??= typeof message.content === 'string' ? message.content : JSON.stringify(message.content);
		});
	}
	return answers;
}

/** An answer as the model reads it: the JSON list of items, or undefined. */
function parsed(text) {
	try {
		const value = JSON.parse(text);
		return Array.isArray(value) ? value : undefined;
	} catch {
		return undefined;
	}
}

/** A refusal: the tool's answer is the error alone, naming `field`, never the quantity. */
function refusedBy(text, field) {
	const [only, ...rest] = parsed(text) ?? [];
	return rest.length === 0 && typeof only?.error === 'string' && only.error.includes(field) && !/^quantity:/.test(only.error);
}

/** Posts the customer's message, retrying while the webhook is not registered yet (never after n8n answered). */
async function post(url, message, replyFile) {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ message }) }).catch(() => undefined);
		if (response && response.status !== 404) {
			const reply = `HTTP ${response.status} ${await response.text()}`;
			fs.writeFileSync(replyFile, reply);
			return reply;
		}
		if (Date.now() > deadline) return response ? 'HTTP 404 (webhook never registered)' : 'no answer';
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
}

async function ask(webhookUrl, orderIds, replyFile, requestsFile, statsUrl, panelKey) {
	const ids = orderIds.split(',').filter(Boolean);
	const reply = await post(webhookUrl, `Hi! How are my orders ${ids.join(', ')} doing? Then please order comments on my post and followers for my profile, and ask for refills.`, replyFile);
	expect(reply.startsWith('HTTP 200 ') && reply.includes(FINAL_ANSWER), `the webhook's answer: ${reply.slice(0, 400)}`);
	const requests = fs.existsSync(requestsFile) ? fs.readFileSync(requestsFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line)) : [];
	const chats = requests.filter((request) => request.url.endsWith('/chat/completions'));
	expect(idsIn(JSON.parse(chats[0]?.body || '{}').messages ?? []).join() === ids.join(), `the model got the ids ${ids} in the user's message`);
	expect(chats.length === 7, `the model server got ${chats.length} chat requests, not 7 (six tool calls and the last answer)`);
	const [statuses, balance, comments, tooDear, notAllowed, refills] = toolAnswers(chats);

	const statusItems = parsed(statuses) ?? [];
	expect(ids.length > 0 && statusItems.length === ids.length && statusItems.every((o) => isId(o.order) && STATUSES.includes(o.status)), `statuses of ${ids}: ${show(statuses)}`);
	expect(typeof parsed(balance)?.[0]?.balance === 'number', `balance: ${show(balance)}`);
	const placed = parsed(comments)?.[0];
	expect(isId(placed?.order) && placed.orderType === 'customComments', `Custom Comments order: ${show(comments)}`);
	expect(refusedBy(tooDear, 'Max Charge Per Order'), `above Max Charge Per Order: ${show(tooDear)}`);
	expect(refusedBy(notAllowed, 'Allowed Services'), `outside Allowed Services: ${show(notAllowed)}`);
	const refillItems = parsed(refills) ?? [];
	expect(refillItems.length === ids.length && refillItems.every((r) => isId(r.order) && (isId(r.refill) || typeof r.error === 'string')), `refills: ${show(refills)}`);

	const adds = (await (await fetch(statsUrl)).json()).addsByLink ?? {};
	expect(adds[LINKS.comments] === 1, `the panel's record: the comments order placed once ${show(adds)}`);
	expect(adds[LINKS.tooDear] === undefined, `the panel took the order above Max Charge Per Order ${show(adds)}`);
	expect(adds[LINKS.notAllowed] === undefined, `the panel took the order outside Allowed Services ${show(adds)}`);
	expect(!requests.some((request) => JSON.stringify(request).includes(panelKey)), "the panel's API key reached the model server");

	for (const problem of problems) console.log(`    ✗ ${problem}`);
	if (problems.length > 0) process.exit(1);
	const firstError = (text) => parsed(text)?.[0]?.error;
	console.log(`    statuses ${statusItems.map((o) => `${o.order}:${o.status}`).join(', ')}; comments order ${placed.order}; refills ${refillItems.map((r) => r.refill ?? r.error).join(', ')}`);
	console.log(`    the model read: "${firstError(tooDear)}" / "${firstError(notAllowed)}"; the panel took neither; no API key in ${requests.length} requests`);
}

const [command, ...args] = process.argv.slice(2);
const commands = { serve, prepare, ask };
if (!commands[command]) {
	console.error('usage: agent.js serve|prepare|ask ...');
	process.exit(2);
}
Promise.resolve(commands[command](...args)).catch((error) => {
	console.log(`    ✗ ${error.message}`);
	process.exit(1);
});
