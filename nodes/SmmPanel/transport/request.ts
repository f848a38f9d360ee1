import type {
	IDataObject,
	IExecuteFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { PanelFailure, redact } from './failures';
import { parseLenientJson } from './lenientJson';
import { type PaceLimits, type PaceSignal, quotaFrom } from './pacing';
import { sessionOf } from './session';

export type PanelContext =
	| IExecuteFunctions
	| IExecuteSingleFunctions
	| IPollFunctions
	| ILoadOptionsFunctions;

export const CREDENTIAL_TYPE = 'smmPanelApi';

/** `read`s may be sent again; `spend`s (add, refill, cancel) only when the panel refused with 429. */
export type ActionKind = 'read' | 'spend';

/** How requests are sent: retries, timeout, and the bounds the execution's pacer keeps to. */
export interface RequestPolicy extends PaceLimits {
	/** Attempts in all, the first included. */
	maxAttempts: number;
	timeoutMs: number;
	/** First backoff step; doubles each retry, capped at 30 s. */
	backoffMs: number;
}

export const DEFAULT_POLICY: RequestPolicy = { maxAttempts: 4, timeoutMs: 30_000, backoffMs: 500, maxInFlight: 4, minIntervalMs: 0 };

/** The request options the user set (see `requestOptionFields`), as a policy. */
export function policyFrom(additionalFields: IDataObject, defaultInFlight = DEFAULT_POLICY.maxInFlight): RequestPolicy {
	return {
		maxAttempts: Number(additionalFields.maxAttempts ?? DEFAULT_POLICY.maxAttempts),
		timeoutMs: Number(additionalFields.timeoutSeconds ?? DEFAULT_POLICY.timeoutMs / 1000) * 1000,
		backoffMs: DEFAULT_POLICY.backoffMs,
		maxInFlight: Number(additionalFields.requestsInFlight ?? defaultInFlight),
		minIntervalMs: DEFAULT_POLICY.minIntervalMs,
	};
}

const ACTION_KINDS: Record<string, ActionKind> = {
	services: 'read',
	status: 'read',
	refill_status: 'read',
	balance: 'read',
	add: 'spend',
	refill: 'spend',
	cancel: 'spend',
};

export function actionKind(action: string): ActionKind {
	return ACTION_KINDS[action] ?? 'spend';
}

/** The request every panel call shares; the credential adds the URL and, in the body only, the key. */
export function panelRequestOptions(fields: IDataObject, timeoutMs: number): IHttpRequestOptions {
	return {
		method: 'POST',
		url: '',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
		body: fields,
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
		timeout: timeoutMs,
	};
}

/**
 * Reads one full panel response: the status code, then the body, which may be parsed JSON, sloppy
 * JSON text, an HTML page or nothing. Returns the JSON value or throws a PanelFailure.
 */
export function interpretResponse(response: IN8nHttpFullResponse): unknown {
	const { statusCode } = response;
	const text = bodyText(response.body);
	const parsed = typeof response.body === 'object' && response.body !== null && !Buffer.isBuffer(response.body)
		? response.body
		: parseLenientJson(text);
	const frameworkMessage = statusCode >= 400 ? frameworkMessageOf(parsed) : undefined;
	const panelMessage = errorMessageOf(parsed) ?? frameworkMessage;

	if (statusCode === 429) {
		throw new PanelFailure('rateLimited', panelMessage ?? 'The panel is rate limiting requests (HTTP 429)', {
			httpCode: 429,
			panelMessage,
			retryAfterMs: retryAfterMs(response.headers?.['retry-after']),
			quota: quotaFrom(response.headers),
		});
	}
	if (parsed === undefined && FIREWALL_PAGE.test(text)) {
		throw new PanelFailure('htmlPage', `The panel's firewall answered with a challenge page (HTTP ${statusCode}), not the API`, {
			httpCode: statusCode,
		});
	}
	if (statusCode >= 500) {
		throw new PanelFailure('serverError', panelMessage ?? `The panel had a server error (HTTP ${statusCode})`, {
			httpCode: statusCode,
			panelMessage,
		});
	}
	if (frameworkMessage !== undefined && (statusCode === 404 || statusCode === 405)) {
		// Laravel's own "Not Found" / "Method Not Allowed": no route here, not the panel speaking.
		throw new PanelFailure('httpError', `${frameworkMessage} (HTTP ${statusCode})`, { httpCode: statusCode, panelMessage });
	}
	if (panelMessage !== undefined) {
		throw new PanelFailure('panelError', panelMessage, { httpCode: statusCode, panelMessage, quota: quotaFrom(response.headers) });
	}
	if (statusCode >= 400 && parsed === undefined && /<html|<!doctype/i.test(text)) {
		throw new PanelFailure('htmlPage', `The panel answered with an HTML page (HTTP ${statusCode}), not JSON`, { httpCode: statusCode });
	}
	if (statusCode >= 400) {
		throw new PanelFailure('httpError', `The panel refused the request (HTTP ${statusCode})`, { httpCode: statusCode });
	}
	if (text.trim() === '' && parsed === undefined) {
		throw new PanelFailure('emptyBody', 'The panel answered with an empty body', { httpCode: statusCode });
	}
	if (parsed === undefined) {
		const isHtml = /<html|<!doctype|<body|<head/i.test(text);
		throw new PanelFailure(
			isHtml ? 'htmlPage' : 'notJson',
			isHtml ? 'The panel answered with an HTML page, not JSON' : `The panel's answer is not JSON: "${text.trim().slice(0, 80)}"`,
			{ httpCode: statusCode },
		);
	}
	return unwrapData(parsed);
}

/** Cloudflare-style pages ("Just a moment...") that stop n8n before the panel sees the request. */
const FIREWALL_PAGE = /just a moment|attention required|cf-browser-verification|challenge-platform|cf-chl|ddos-guard/i;

function bodyText(body: unknown): string {
	if (body === undefined || body === null) return '';
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	return JSON.stringify(body);
}

/**
 * The panel's words for the whole request (an object per id is handled by the caller):
 * `{"error": "..."}`, `{"error": {"message": "..."}}`, or `{"status": "error", "message": "..."}`.
 * A code beside the text (`"status": "104"`, `"code": 104`) is kept after it, for the panel's support.
 */
function errorMessageOf(parsed: unknown): string | undefined {
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
	const answer = parsed as IDataObject;
	const text = errorTextOf(answer);
	if (text === undefined) return undefined;
	const code = [answer.code, answer.error_code, answer.status].find(
		(value) => (typeof value === 'number' || typeof value === 'string') && /^\d{1,4}$/.test(String(value)),
	);
	return code !== undefined ? `${text} (code ${code})` : text;
}

function errorTextOf(answer: IDataObject): string | undefined {
	const { error, message, status } = answer;
	if (typeof error === 'string' && error.trim() !== '') return error.trim();
	if (typeof error === 'object' && error !== null && typeof (error as IDataObject).message === 'string') {
		return ((error as IDataObject).message as string).trim();
	}
	// An order's own status ("Fail") comes with its charge and remains, not alone with a message.
	const isOrderStatus = ['charge', 'remains', 'start_count', 'order'].some((field) => field in answer);
	const failed = !isOrderStatus && (status === false || (typeof status === 'string' && /^(error|fail|failed)$/i.test(status)));
	if (failed && typeof message === 'string' && message.trim() !== '') return message.trim();
	return undefined;
}

/**
 * Laravel answers its errors to a client that accepts JSON as `{"message": "..."}`, validation
 * failures (HTTP 422) with `"errors": {"field": ["..."]}` beside it: the message and the first reason.
 */
function frameworkMessageOf(parsed: unknown): string | undefined {
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
	const { message, errors } = parsed as IDataObject;
	if (typeof message !== 'string' || message.trim() === '') return undefined;
	const reasons = typeof errors === 'object' && errors !== null ? Object.values(errors).flat() : [];
	const first = reasons.find((reason): reason is string => typeof reason === 'string');
	return first && !message.includes(first) ? `${message.trim()} ${first}` : message.trim();
}

/** Some panels wrap lists as `{"data": [...]}`. */
function unwrapData(parsed: unknown): unknown {
	if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
		const data = (parsed as IDataObject).data;
		if (Array.isArray(data) && Object.keys(parsed).every((key) => ['data', 'status', 'success', 'message'].includes(key))) {
			return data;
		}
	}
	return parsed;
}

function retryAfterMs(header: unknown): number | undefined {
	if (header === undefined || header === null) return undefined;
	const seconds = Number(header);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(String(header));
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Turns what the HTTP client threw (timeouts, resets, refused connections) into a clean failure. */
export function networkFailure(error: unknown): PanelFailure {
	if (error instanceof PanelFailure) return error;
	const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
	const code = (error as { code?: string })?.code ?? cause?.code;
	const reasons: Record<string, string> = {
		ECONNABORTED: 'The panel did not answer in time',
		ETIMEDOUT: 'The panel did not answer in time',
		ECONNRESET: 'The panel closed the connection without answering',
		ECONNREFUSED: 'The panel refused the connection',
		ENOTFOUND: 'The panel\'s host name could not be found',
		EAI_AGAIN: 'The panel\'s host name could not be looked up',
		EPROTO: 'The TLS connection to the panel failed',
		ERR_INVALID_URL: 'The API URL in the credential is not a valid URL',
	};
	const message = (code && reasons[code]) ?? 'The panel could not be reached';
	return new PanelFailure('network', code ? `${message} (${code})` : message);
}

const apiKeys = new WeakMap<object, Promise<string>>();

/** The credential's key, to scrub it from any text the user may see. */
export async function panelApiKey(context: PanelContext): Promise<string> {
	let apiKey = apiKeys.get(context);
	if (!apiKey) {
		apiKey = context.getCredentials(CREDENTIAL_TYPE).then((credentials) => String(credentials.apiKey ?? ''));
		apiKeys.set(context, apiKey);
	}
	return await apiKey;
}

/** The failure as the user may see it: a PanelFailure with the API key scrubbed from its text. */
export async function cleanFailure(context: PanelContext, error: unknown): Promise<PanelFailure> {
	const failure = networkFailure(error);
	const apiKey = await panelApiKey(context);
	failure.message = redact(failure.message, apiKey);
	if (failure.details.panelMessage) failure.details.panelMessage = redact(failure.details.panelMessage, apiKey);
	return failure;
}

/**
 * One panel call: POST the fields, interpret the answer, and for reads retry transient failures
 * with exponential backoff. A spend is sent again only after an HTTP 429, when the panel refused
 * before doing anything; any other lost answer is reported, never re-sent.
 */
export async function panelRequest(
	this: PanelContext,
	action: string,
	fields: IDataObject = {},
	policy: RequestPolicy = DEFAULT_POLICY,
): Promise<unknown> {
	return await sendWithRetries(this, actionKind(action), policy, async () => {
		const response = await sendOnce(this, { action, ...fields }, policy.timeoutMs);
		return { value: interpretResponse(response), signal: { refused: false, quota: quotaFrom(response.headers) } };
	});
}

/**
 * Sends one request as often as the policy and the action allow. Every attempt waits for its
 * turn with the execution's pacer and tells it what the panel answered.
 */
export async function sendWithRetries<T>(
	context: PanelContext,
	kind: ActionKind,
	policy: RequestPolicy,
	attempt: () => Promise<{ value: T; signal: PaceSignal }>,
): Promise<T> {
	const session = sessionOf(context);
	for (let attemptNumber = 1; ; attemptNumber++) {
		const turn = await session.pacer.turn(policy);
		try {
			const { value, signal } = await attempt();
			session.pacer.answered(turn, signal);
			session.answeredJson = true;
			return value;
		} catch (error) {
			const failure = await cleanFailure(context, error);
			session.pacer.answered(turn, paceSignalOf(failure));
			if (failure.kind === 'panelError') session.answeredJson = true;
			if (!mayRetry(kind, failure, session.answeredJson) || attemptNumber >= policy.maxAttempts) throw failure;
			await sleep(retryDelay(policy, attemptNumber, failure, session.pacer.paced));
		}
	}
}

/** What a failure says about the panel's pace: only answers its rate limit counted. */
function paceSignalOf(failure: PanelFailure): PaceSignal | undefined {
	if (failure.kind === 'rateLimited') return { refused: true, quota: failure.details.quota };
	if (failure.kind === 'panelError') return { refused: false, quota: failure.details.quota };
	return undefined;
}

function mayRetry(kind: ActionKind, failure: PanelFailure, answeredJson: boolean): boolean {
	if (kind === 'spend') return failure.panelRefusedBeforeActing;
	// From a panel that answered JSON before, an HTML page with HTTP 200 is a passing maintenance
	// or firewall page; from a URL that never did, it is the wrong URL and fails at once.
	const passingPage = answeredJson && failure.kind === 'htmlPage' && (failure.details.httpCode ?? 0) < 300;
	return failure.isTransient || passingPage;
}

/**
 * The panel's `Retry-After` (up to a minute), and otherwise a growing backoff; a 429 from a panel
 * whose pace the pacer has learnt needs none, as the pacer has slowed every request down.
 */
function retryDelay(policy: RequestPolicy, attempt: number, failure: PanelFailure, paced: boolean): number {
	const retryAfter = Math.min(failure.details.retryAfterMs ?? 0, 60_000);
	if (failure.kind === 'rateLimited' && paced) return retryAfter;
	return Math.max(Math.min(policy.backoffMs * 2 ** (attempt - 1), 30_000), retryAfter);
}

async function sendOnce(context: PanelContext, fields: IDataObject, timeoutMs: number): Promise<IN8nHttpFullResponse> {
	try {
		return (await context.helpers.httpRequestWithAuthentication.call(
			context,
			CREDENTIAL_TYPE,
			panelRequestOptions(fields, timeoutMs),
		)) as IN8nHttpFullResponse;
	} catch (error) {
		// n8n's error here carries the request (and so the key) as its cause: keep only the code.
		throw networkFailure(error);
	}
}
