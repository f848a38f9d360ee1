/**
 * Public types of the demo SMM panel (an "API v2" simulator for local demos and tests).
 */

/**
 * Answer shapes to imitate: `standard`, one of the five seed panels' documented quirks, or the
 * shapes of public panel server code (docs/panels.md): `smartPanel`, `codedErrors`, `httpErrors`, `listStatus`.
 */
export type DialectName =
	| 'standard'
	| 'seed000'
	| 'seed001'
	| 'seed002'
	| 'seed003'
	| 'seed004'
	| 'smartPanel'
	| 'codedErrors'
	| 'httpErrors'
	| 'listStatus';

/**
 * How the panel refuses requests beyond its rate limit, as real panels do:
 * `bucket` a token bucket answering 429 with `Retry-After` only; `window` fixed one-second windows
 * with `X-RateLimit-Limit/Remaining/Reset` on every answer; `plain` a rolling second and a bare 429.
 */
export type RateLimitStyle = 'bucket' | 'window' | 'plain';

/** What the panel does with two `add`s at once (see `DemoPanelOptions.overlappingAdds`). */
export type OverlappingAdds = 'take' | 'loseAnswer';

export type FaultKind =
	| 'rateLimit'
	| 'serverError'
	| 'htmlPage'
	| 'emptyBody'
	| 'brokenJson'
	| 'dropConnection'
	| 'timeout';

export interface FaultPlan {
	kind: FaultKind;
	/** Only requests with one of these actions are affected (default: every action). */
	actions?: string[];
	/** Affect only the next `count` matching requests (default: unlimited while the plan is set). */
	count?: number;
	/** Affect a matching request with this probability (0..1), drawn from a seeded PRNG. */
	rate?: number;
	/** PRNG seed for `rate` (default 1), so runs are reproducible. */
	seed?: number;
	/**
	 * true: process the request first (the order really is placed and charged), then answer with the fault:
	 * "the panel took the order but the answer was lost". false (default): fault instead of processing.
	 * Ignored by `rateLimit`, which never processes.
	 */
	afterProcessing?: boolean;
	/** HTTP status for `htmlPage` (default 200) and `serverError` (default 502). */
	status?: number;
}

export interface DemoPanelOptions {
	/** Default 'demo-key-0123456789abcdef'. */
	apiKey?: string;
	/** Default 0 (a random free port). The panel listens on 127.0.0.1 only. */
	port?: number;
	/** Default '/api/v2'. */
	path?: string;
	/** Default 'standard'. */
	dialect?: DialectName;
	/** Delay added before every answer, in ms. Default 0. */
	latencyMs?: number;
	/** If set (> 0), requests beyond N per second get HTTP 429 and are not processed. */
	rateLimitPerSecond?: number;
	/** How the rate limit counts and what its 429 says. Default 'bucket'. */
	rateLimitStyle?: RateLimitStyle;
	/** Starting balance in USD. Default 1000. */
	balance?: number;
	/** Simulated ms per real ms. Default 1; 0 freezes the clock so only advance() moves it. */
	timeScale?: number;
	/** Injected faults. Default none. */
	faults?: FaultPlan | FaultPlan[];
	/**
	 * `loseAnswer`: the race of a widely used PHP panel script, whose `add` reads the balance and later
	 * writes balance − charge only if the balance is still what it read. An `add` that overlaps another
	 * one's write still takes the order, but its write changes nothing (the order is not charged) and
	 * it answers HTTP 200 with an empty body. Default `take`: overlapping orders are fine.
	 */
	overlappingAdds?: OverlappingAdds;
	/** If set, a GET on this path answers the live counters (`stats`) as JSON, for checks from outside the process. */
	statsPath?: string;
}

export interface DemoPanelStats {
	/** Every HTTP request received, whatever its path, method or fate. */
	requests: number;
	byAction: Record<string, number>;
	/** `add` requests that created an order. */
	ordersPlaced: number;
	/** Orders created per link (subscriptions, which have no link, count under their username). */
	addsByLink: Record<string, number>;
	maxInFlight: number;
	inFlight: number;
	/** Answers with HTTP 429, from the rate limit or from a `rateLimit` fault. */
	rateLimited: number;
	faultsInjected: number;
}

export interface DemoPanel {
	/** e.g. http://127.0.0.1:PORT/api/v2 */
	readonly url: string;
	readonly apiKey: string;
	/** Live counters: the same object is updated as requests arrive. */
	readonly stats: DemoPanelStats;
	/** Change dialect, latency, faults, rate limit, time scale, balance, key or path at run time (not the port). */
	setOptions(patch: Partial<DemoPanelOptions>): void;
	setFaults(faults: FaultPlan[]): void;
	/** Move the simulated clock forward by `ms`. */
	advance(ms: number): void;
	close(): Promise<void>;
}
