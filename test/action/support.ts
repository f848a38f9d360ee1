/**
 * What the action tests share: a fake panel (nock) that records every request the node makes,
 * and a way to run the SMM Panel node through n8n-core exactly as n8n does.
 */
import nock from 'nock';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { SmmPanelApi } from '../../credentials/SmmPanelApi.credentials';
import { type NodeRun, runNode } from '../../demo/engine';
import { SmmPanel } from '../../nodes/SmmPanel/SmmPanel.node';

export const API_KEY = 'KEY-abc123secret';

let panels = 0;

/**
 * A fresh panel URL for each test. The node remembers per panel URL that a panel takes one id
 * per cancel/refill; a fresh URL keeps one test's panel from teaching the node about the next.
 */
export function panelUrl(name = 'panel'): string {
	panels += 1;
	return `https://${name}-${panels}.example/api/v2`;
}

/** One request the panel received. */
export interface PanelRequest {
	/** The form fields, as the panel's PHP would read them. */
	form: Record<string, string>;
	/** The path with any query string. */
	path: string;
	headers: Record<string, unknown>;
}

/** What the fake panel sends back. */
export interface Reply {
	status?: number;
	/** Raw text (sent as is) or a value (sent as JSON). */
	body?: string | object;
	/** `application/json` unless given. */
	contentType?: string;
	headers?: Record<string, string>;
	/** Answer after this long (to measure requests in flight). */
	delayMs?: number;
	/** Drop the connection with this error code instead of answering. */
	networkError?: string;
}

export type Answer = (form: Record<string, string>, requestIndex: number) => Reply;

export interface FakePanel {
	url: string;
	requests: PanelRequest[];
	/** The most requests that were open at the same time. */
	maxInFlight: number;
	/** Requests of one action, e.g. `panel.actions('status')`. */
	ofAction(action: string): PanelRequest[];
}

function parseForm(body: unknown): Record<string, string> {
	if (typeof body === 'string') return Object.fromEntries(new URLSearchParams(body));
	return { ...(body as Record<string, string>) };
}

/** A panel at a fresh URL that answers every POST with `answer(form)`, recording the requests. */
export function fakePanel(answer: Answer, url = panelUrl()): FakePanel {
	const { origin, pathname } = new URL(url);
	let inFlight = 0;
	const panel: FakePanel = {
		url,
		requests: [],
		maxInFlight: 0,
		ofAction: (action) => panel.requests.filter((request) => request.form.action === action),
	};
	nock(origin)
		.persist()
		.post((path) => path.split('?')[0] === pathname)
		.reply(async function (this: { req: { headers: Record<string, unknown>; destroy(error: Error): void; on(event: 'error', listener: () => void): void } }, path: string, body: unknown) {
			const form = parseForm(body);
			const index = panel.requests.push({ form, path, headers: { ...this.req.headers } }) - 1;
			inFlight += 1;
			panel.maxInFlight = Math.max(panel.maxInFlight, inFlight);
			try {
				const reply = answer(form, index);
				if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
				if (reply.networkError) {
					// Drop the connection as a real network would: the client sees the error on its request.
					// Under load the client may already have given up on it (its timeout): then nobody else
					// listens, and the error must not surface as an unhandled one.
					this.req.on('error', () => undefined);
					this.req.destroy(Object.assign(new Error(`socket hang up (${reply.networkError})`), { code: reply.networkError }));
					return [200, ''];
				}
				const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? '');
				return [reply.status ?? 200, text, { 'Content-Type': reply.contentType ?? 'application/json', ...reply.headers }];
			} finally {
				inFlight -= 1;
			}
		});
	return panel;
}

/** Answers that follow each other: the n-th request gets the n-th reply (the last one repeats). */
export function inTurn(...replies: Reply[]): Answer {
	return (_form, index) => replies[Math.min(index, replies.length - 1)];
}

export const json = (body: string | object, status = 200): Reply => ({ status, body });

export interface Run extends NodeRun {
	/** The `json` of each output item. */
	json: IDataObject[];
}

/** Runs the SMM Panel node once against `panel` (or any URL), as n8n would. */
export async function runPanelNode(options: {
	panel: FakePanel | string;
	parameters: INodeParameters;
	items?: IDataObject[];
	continueOnFail?: boolean;
	apiKey?: string;
}): Promise<Run> {
	const url = typeof options.panel === 'string' ? options.panel : options.panel.url;
	const run = await runNode({
		node: new SmmPanel(),
		credentialType: new SmmPanelApi(),
		credentials: { url, apiKey: options.apiKey ?? API_KEY },
		parameters: options.parameters,
		items: options.items,
		continueOnFail: options.continueOnFail,
	});
	return { ...run, json: run.items.map((item: INodeExecutionData) => item.json) };
}

/** The input item indexes an output item is paired with. */
export function pairedItems(item: INodeExecutionData): number[] {
	const paired = item.pairedItem;
	if (paired === undefined) return [];
	if (typeof paired === 'number') return [paired];
	return (Array.isArray(paired) ? paired : [paired]).map((pair) => pair.item);
}

/** A resource locator value for the service, as the editor saves it. */
export const serviceById = (value: string) => ({ __rl: true, mode: 'id', value });
export const serviceFromList = (value: string) => ({ __rl: true, mode: 'list', value });

/**
 * Only fake panels answer: no request leaves the machine. After the file, nock lets go of Node's
 * HTTP module again, so that the next test file in the same worker (with its own copy of nock, or
 * a real local server) is not intercepted twice.
 */
export function blockRealNetwork(): void {
	if (!nock.isActive()) nock.activate();
	nock.disableNetConnect();
	afterEach(() => nock.cleanAll());
	afterAll(() => {
		nock.enableNetConnect();
		nock.restore();
	});
}
