import { createHash, timingSafeEqual } from 'node:crypto';

import { runAction } from './actions';
import { type Answer, errorAnswer, htmlAnswer, jsonAnswer, NOT_FOUND_PAGE } from './answers';
import { SimulatedClock } from './clock';
import { type Dialect, getDialect } from './dialects';
import { FaultInjector, faultReply, type Reply } from './faults';
import { type Fields, parseFields } from './forms';
import { dollarsToUnits } from './money';
import { OrderBook } from './orders';
import { RateLimiter } from './rateLimit';
import type { DemoPanelOptions, DemoPanelStats, FaultPlan, OverlappingAdds } from './types';

export const DEFAULT_API_KEY = 'demo-key-0123456789abcdef';
export const DEFAULT_PATH = '/api/v2';
/**
 * Only the demo panel has this: `GET` it for every order it took and its counters, so end-to-end runs
 * can check what a client really placed (no real panel lists orders through API v2).
 */
export const TAKEN_ORDERS_PATH = '/demo/orders';

/** A request as the HTTP layer hands it over: already read, and already delayed by the latency. */
export interface IncomingRequest {
	method: string;
	pathname: string;
	contentType: string | undefined;
	body: string;
	/** Whether the rate limit let it through when it arrived (see `admit`). */
	admitted: boolean;
	/** `balanceWrites` when it arrived: the balance an `add` read then (see `overlappingAdds`). */
	writesSeen: number;
}

/**
 * Everything the panel knows (options, clock, orders, faults, counters) and the decision of how to
 * reply to one request. Free of HTTP details, which live in server.ts.
 */
export class PanelRuntime {
	readonly stats: DemoPanelStats = {
		requests: 0,
		byAction: {},
		ordersPlaced: 0,
		addsByLink: {},
		maxInFlight: 0,
		inFlight: 0,
		rateLimited: 0,
		faultsInjected: 0,
	};
	apiKey: string;
	path: string;
	latencyMs: number;
	/** Balance writes by `add`s so far: an `add` that arrived before the last of them lost its race. */
	balanceWrites = 0;
	private overlappingAdds: OverlappingAdds;
	private readonly statsPath: string | undefined;
	private dialect: Dialect;
	private readonly clock: SimulatedClock;
	private readonly book: OrderBook;
	private readonly limiter: RateLimiter;
	private readonly faults = new FaultInjector();

	constructor(options: DemoPanelOptions) {
		this.apiKey = options.apiKey ?? DEFAULT_API_KEY;
		this.path = normalizePath(options.path ?? DEFAULT_PATH);
		this.latencyMs = checkLatency(options.latencyMs ?? 0);
		this.statsPath = options.statsPath !== undefined ? normalizePath(options.statsPath) : undefined;
		this.dialect = getDialect(options.dialect ?? 'standard');
		this.overlappingAdds = options.overlappingAdds ?? 'take';
		this.clock = new SimulatedClock(options.timeScale ?? 1);
		this.book = new OrderBook(dollarsToUnits(options.balance ?? 1000));
		this.limiter = new RateLimiter(options.rateLimitPerSecond, options.rateLimitStyle);
		this.faults.setPlans(asList(options.faults));
	}

	setOptions(patch: Partial<DemoPanelOptions>): void {
		if (patch.apiKey !== undefined) this.apiKey = patch.apiKey;
		if (patch.path !== undefined) this.path = normalizePath(patch.path);
		if (patch.latencyMs !== undefined) this.latencyMs = checkLatency(patch.latencyMs);
		if (patch.dialect !== undefined) this.dialect = getDialect(patch.dialect);
		if (patch.overlappingAdds !== undefined) this.overlappingAdds = patch.overlappingAdds;
		if (patch.timeScale !== undefined) this.clock.setTimeScale(patch.timeScale);
		if (patch.balance !== undefined) this.book.setBalance(dollarsToUnits(patch.balance));
		// Present but undefined means "turn off".
		if ('rateLimitPerSecond' in patch || patch.rateLimitStyle !== undefined) {
			const { perSecond, style } = this.limiter.configuration;
			this.limiter.configure('rateLimitPerSecond' in patch ? patch.rateLimitPerSecond : perSecond, patch.rateLimitStyle ?? style);
		}
		if ('faults' in patch) this.faults.setPlans(asList(patch.faults));
		// The port cannot change while listening; it is ignored here.
	}

	setFaults(plans: FaultPlan[]): void {
		this.faults.setPlans(plans);
	}

	advance(ms: number): void {
		this.clock.advance(ms);
	}

	/** Counts a request against the rate limit as it arrives, before the latency, as real limiters do. */
	admit(): boolean {
		return this.limiter.take();
	}

	reply(request: IncomingRequest): Reply {
		if (request.method === 'GET' && normalizePath(request.pathname) === TAKEN_ORDERS_PATH) {
			return answered(jsonAnswer({ orders: this.book.taken(), stats: this.stats }));
		}
		if (request.method === 'GET' && this.statsPath !== undefined && normalizePath(request.pathname) === this.statsPath) {
			return answered(jsonAnswer(this.stats));
		}
		if (normalizePath(request.pathname) !== this.path) return answered(htmlAnswer(NOT_FOUND_PAGE, 404));
		if (request.method !== 'POST') {
			return answered({ ...errorAnswer('Method not allowed', 405), headers: { Allow: 'POST' } });
		}
		const fields = parseFields(request.contentType, request.body);
		const action = fields?.action ?? '';
		this.countAction(action);

		const rateHeaders = this.limiter.headers(request.admitted);
		if (!request.admitted) {
			this.stats.rateLimited += 1;
			return answered({ ...errorAnswer('Too many requests', 429), headers: rateHeaders });
		}
		const fault = this.faults.pick(action);
		if (!fault) return answered(withHeaders(this.process(fields, request.writesSeen), rateHeaders));

		this.stats.faultsInjected += 1;
		if (fault.kind === 'rateLimit') this.stats.rateLimited += 1;
		const processFirst = fault.afterProcessing === true && fault.kind !== 'rateLimit';
		return faultReply(fault, processFirst ? this.process(fields) : undefined);
	}

	private process(fields: Fields | undefined, writesSeen = this.balanceWrites): Answer {
		if (!fields) return errorAnswer('Incorrect request');
		const server = this.dialect.server;
		if (!this.isValidKey(fields.key)) return server?.wrongKey ?? errorAnswer('Invalid API key');
		const action = fields.action ?? '';
		if (server?.actions && !server.actions.includes(action)) return server.unknownAction ?? errorAnswer('Incorrect request');
		// A server reading `order` only finds no order when it is sent `orders`.
		const read = server?.singleIdStatus && action === 'status' && fields.orders !== undefined ? withoutIdList(fields) : fields;
		const lostRace = this.overlappingAdds === 'loseAnswer' && writesSeen !== this.balanceWrites;
		const context = { book: this.book, dialect: this.dialect, now: this.clock.now(), stats: this.stats, lostRace };
		const placedBefore = this.stats.ordersPlaced;
		const answer = runAction(action, read, context);
		if (this.stats.ordersPlaced !== placedBefore) {
			if (lostRace) return { status: 200, contentType: 'text/html; charset=UTF-8', body: '' };
			this.balanceWrites += 1;
		}
		return server ? server.reshape(action, answer) : answer;
	}

	private countAction(action: string): void {
		const name = action === '' ? '(none)' : action;
		this.stats.byAction[name] = (this.stats.byAction[name] ?? 0) + 1;
	}

	/** Compares digests in constant time, so answer timing does not leak how much of a key was right. */
	private isValidKey(key: string | undefined): boolean {
		if (key === undefined) return false;
		const digest = (value: string) => createHash('sha256').update(value).digest();
		return timingSafeEqual(digest(key), digest(this.apiKey));
	}
}

function withoutIdList(fields: Fields): Fields {
	const { orders: _ignored, ...rest } = fields;
	return { ...rest, order: '' };
}

function answered(answer: Answer): Reply {
	return { kind: 'answer', answer };
}

function withHeaders(answer: Answer, headers: Record<string, string>): Answer {
	return Object.keys(headers).length > 0 ? { ...answer, headers: { ...answer.headers, ...headers } } : answer;
}

function asList(faults: FaultPlan | FaultPlan[] | undefined): FaultPlan[] {
	if (faults === undefined) return [];
	return Array.isArray(faults) ? faults : [faults];
}

/** '/api/v2/' and '/api/v2' are the same endpoint. */
function normalizePath(path: string): string {
	const withSlash = path.startsWith('/') ? path : `/${path}`;
	return withSlash.length > 1 ? withSlash.replace(/\/+$/, '') : withSlash;
}

function checkLatency(latencyMs: number): number {
	if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new RangeError(`latencyMs must be >= 0, got ${latencyMs}`);
	return latencyMs;
}
