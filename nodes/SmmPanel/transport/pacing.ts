import { type IDataObject, sleep } from 'n8n-workflow';

/** What one answer says about the panel's pace. */
export interface PaceSignal {
	/** HTTP 429: the panel refused before doing anything. */
	refused: boolean;
	/** `X-RateLimit-*` / `RateLimit-*`: requests left in the panel's window, and when it starts again. */
	quota?: { remaining: number; resetMs: number };
}

/** The user's bounds: "Requests in Flight" is a ceiling, "Pause Between Orders" a floor. */
export interface PaceLimits {
	maxInFlight: number;
	minIntervalMs: number;
}

export interface PaceClock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

const REAL_CLOCK: PaceClock = { now: () => Date.now(), sleep };

/** One request on its way. */
export interface Turn {
	readonly startedAt: number;
}

/** A request the panel took: the panel counted it between these two moments. */
interface Accepted {
	startedAt: number;
	answeredAt: number;
}

/** The panel's first refusal, to tell a burst it let through from its pace (see `burstPace`). */
interface FirstRefusal {
	at: number;
	/** Requests the panel accepted in the second before it. */
	seenRate: number;
	acceptedBefore: number;
}

/** Rate limits are counted per second by the panels we know: the span the pace is measured over. */
const WINDOW_MS = 1000;
/** After a refusal: this much under the rate the panel was seen to accept. */
const MARGIN = 0.98;
/** Each answer that passes raises the rate this much: probing slowly keeps refusals rare. */
const PROBE = 1.0002;
/** The panel accepted less than this share of the rate while it kept refusing: slow to what it accepted. */
const FAR_BELOW = 0.9;
/**
 * Until the panel shows a limit, requests in flight start at this many (what Order → Create sent
 * before it was paced, so a slow panel with no limit is no slower) and grow by one each step.
 */
const WARM_UP_START = 2;
const WARM_UP_MS = 250;
/** A panel that refuses everything is asked at most once a minute. */
const MIN_RATE = 1 / 60;
/** The longest a quota's reset is waited for: beyond it, refused requests fail as they would. */
const MAX_HOLD_MS = 60_000;

/**
 * Paces the requests of one execution to what the panel accepts, learnt from its answers:
 * - with `X-RateLimit-*` / `RateLimit-*` headers, the requests left are spread over the time
 *   until the panel's window starts again, and none is sent once they are used up;
 * - without them (a bare 429, or one with only `Retry-After`), the first refusal sets a rate just
 *   under what the panel accepted in the second before; each answer that passes raises it a
 *   little, and a later refusal lowers it a step, or to what the panel accepted while it kept
 *   refusing. A panel that holds a burst (a token bucket) shows it by refusing before the probes
 *   reach what it took in that first second: its pace is then what it took between the two refusals.
 *   The refused request itself waits its `Retry-After` (see `sendWithRetries`).
 * Requests start in the order they asked, at most `maxInFlight` at once and `minIntervalMs` apart.
 */
export class Pacer {
	/** Spacing between request starts; 0 while the panel has shown no limit. */
	private intervalMs = 0;
	/** Quota used up, or a burst still counted against the panel: no request starts before this. */
	private heldUntil = 0;
	private lastStartAt = -Infinity;
	private lastSlowdownAt = -Infinity;
	private readonly createdAt: number;
	private readonly inFlight = new Set<Turn>();
	/** The requests the panel accepted in about the last two seconds. */
	private readonly accepted: Accepted[] = [];
	private acceptedCount = 0;
	private firstRefusal?: FirstRefusal;
	/** What the panel did since the last slowdown; unset after a hold, whose wait is no measure. */
	private measuredSince?: number;
	private acceptedSinceSlowdown = 0;
	private refusedSinceSlowdown = 0;
	private readonly waiting: Array<{ limits: PaceLimits; start: (turn: Turn) => void }> = [];
	private wakeAt = Infinity;

	constructor(private readonly clock: PaceClock = REAL_CLOCK) {
		this.createdAt = clock.now();
	}

	/** Whether the panel has shown a limit, and requests are spaced to it. */
	get paced(): boolean {
		return this.intervalMs > 0;
	}

	/** Waits until a request may start; report its answer with `answered`. */
	async turn(limits: PaceLimits): Promise<Turn> {
		const turn = new Promise<Turn>((start) => this.waiting.push({ limits, start }));
		this.pump();
		return await turn;
	}

	/** What the answer said; `undefined` when there was none (network failure). */
	answered(turn: Turn, signal: PaceSignal | undefined): void {
		this.inFlight.delete(turn);
		const now = this.clock.now();
		if (signal?.quota) this.followQuota(turn, signal.quota, now);
		else if (signal?.refused) this.slowDown(turn, now);
		else if (signal) this.passed(turn, now);
		this.pump();
	}

	private pump(): void {
		while (this.waiting.length > 0) {
			const { limits, start } = this.waiting[0];
			const now = this.clock.now();
			if (this.inFlight.size >= this.ceiling(limits, now)) return this.wakeUpForWarmUp(limits, now); // or an answer pumps again
			const startAt = Math.max(this.heldUntil, this.lastStartAt + Math.max(this.intervalMs, limits.minIntervalMs));
			if (startAt > now) return this.wakeUpAt(startAt, now);
			this.waiting.shift();
			const turn: Turn = { startedAt: now };
			this.inFlight.add(turn);
			this.lastStartAt = now;
			start(turn);
		}
	}

	/**
	 * Until the panel shows a limit, requests in flight grow one step at a time up to the ceiling,
	 * so that meeting a per-second limit costs a refused request or two, not one per request in flight.
	 */
	private ceiling(limits: PaceLimits, now: number): number {
		const ceiling = Math.max(1, limits.maxInFlight);
		if (this.intervalMs > 0) return ceiling;
		return Math.min(ceiling, WARM_UP_START + Math.floor((now - this.createdAt) / WARM_UP_MS));
	}

	/** A slow panel answers after the next warm-up step: start the next request then, not at its answer. */
	private wakeUpForWarmUp(limits: PaceLimits, now: number): void {
		if (this.intervalMs > 0 || this.ceiling(limits, now) >= limits.maxInFlight) return;
		const nextStep = this.createdAt + (Math.floor((now - this.createdAt) / WARM_UP_MS) + 1) * WARM_UP_MS;
		this.wakeUpAt(nextStep, now);
	}

	private wakeUpAt(at: number, now: number): void {
		if (at >= this.wakeAt) return;
		this.wakeAt = at;
		// Timers count whole milliseconds: never wake before `at`.
		void this.clock.sleep(Math.max(1, Math.ceil(at - now))).then(() => {
			if (this.wakeAt === at) this.wakeAt = Infinity;
			this.pump();
		});
	}

	/** Spreads what is left of the panel's window over the time until it starts again. */
	private followQuota(turn: Turn, quota: { remaining: number; resetMs: number }, now: number): void {
		// Requests sent after this one are not counted in its `remaining` yet.
		const sentSince = [...this.inFlight].filter((other) => other.startedAt >= turn.startedAt).length;
		const left = quota.remaining - sentSince;
		if (left <= 0) this.heldUntil = Math.max(this.heldUntil, now + quota.resetMs);
		this.intervalMs = quota.resetMs / (Math.max(left, 0) + 1);
	}

	/**
	 * The first refusal sets the rate just under what the panel accepted in the second before it,
	 * and waits until that second has passed: a burst sent before the panel showed its limit
	 * counts against it until then. Later ones lower the rate at most once a second.
	 */
	private slowDown(turn: Turn, now: number): void {
		if (this.intervalMs === 0) {
			const accepted = this.accepted.filter(({ startedAt }) => startedAt > turn.startedAt - WINDOW_MS && startedAt <= turn.startedAt);
			// Refused before anything passed: nothing to learn the pace from; the retry's backoff waits.
			if (accepted.length === 0) return;
			// The panel counted the first of them at the latest when it answered: wait until that has left its second.
			this.heldUntil = Math.max(this.heldUntil, accepted[0].answeredAt + WINDOW_MS * (2 - MARGIN));
			this.firstRefusal = { at: now, seenRate: accepted.length, acceptedBefore: this.acceptedCount };
			this.slowTo(accepted.length, now);
			// What passes after a hold is no measure of the panel's pace.
			this.measuredSince = undefined;
			return;
		}
		this.refusedSinceSlowdown += 1;
		if (turn.startedAt < this.lastSlowdownAt + WINDOW_MS) return;
		const currentRate = 1000 / this.intervalMs;
		const burstPace = this.burstPace(currentRate, now);
		if (burstPace !== undefined) return this.slowTo(burstPace, now);
		// Refused again and again since the last slowdown: the panel was kept at its limit, so what
		// it accepted meanwhile is its pace. A single refusal is a probe that went a step too far.
		const elapsed = now - (this.measuredSince ?? now);
		const saturated = this.refusedSinceSlowdown > 1 && elapsed >= WINDOW_MS;
		const acceptedRate = saturated ? (this.acceptedSinceSlowdown * 1000) / elapsed : currentRate;
		this.slowTo(Math.max(currentRate / 2, acceptedRate < currentRate * FAR_BELOW ? acceptedRate : currentRate), now);
	}

	/**
	 * A token bucket lets its stored burst through on top of its pace, and the first refusal's
	 * second counted it. Refused again before the probes went past what it took in that second:
	 * that was a burst. Both refusals came when the panel had nothing left, so what it took in
	 * between is its pace. Asked once, at the first refusal after the first.
	 */
	private burstPace(currentRate: number, now: number): number | undefined {
		const first = this.firstRefusal;
		this.firstRefusal = undefined;
		if (!first || currentRate >= first.seenRate || now - first.at < WINDOW_MS) return undefined;
		const pace = ((this.acceptedCount - first.acceptedBefore) * 1000) / (now - first.at);
		// Near the current rate, this refusal is a probe's step too far, as for any panel.
		return pace < currentRate * FAR_BELOW ? pace : undefined;
	}

	private slowTo(limit: number, now: number): void {
		this.setRate(Math.max(MIN_RATE, limit * MARGIN));
		this.lastSlowdownAt = now;
		this.measuredSince = now;
		this.acceptedSinceSlowdown = 0;
		this.refusedSinceSlowdown = 0;
	}

	/** An answer that passed: probe a little faster. */
	private passed(turn: Turn, now: number): void {
		this.accepted.push({ startedAt: turn.startedAt, answeredAt: now });
		while (this.accepted.length > 0 && this.accepted[0].startedAt < now - 2 * WINDOW_MS) this.accepted.shift();
		this.acceptedCount += 1;
		this.acceptedSinceSlowdown += 1;
		if (this.intervalMs > 0) this.setRate((1000 / this.intervalMs) * PROBE);
	}

	private setRate(perSecond: number): void {
		this.intervalMs = 1000 / perSecond;
	}
}

/**
 * `X-RateLimit-Remaining` and `-Reset`, or the IETF draft's `RateLimit-*`. The reset is seconds
 * from now (fractions allowed), or a Unix time in seconds or milliseconds.
 */
export function quotaFrom(headers: IDataObject | undefined, now: number = Date.now()): PaceSignal['quota'] {
	for (const prefix of ['x-ratelimit-', 'ratelimit-']) {
		const remaining = numberHeader(headers?.[`${prefix}remaining`]);
		const reset = numberHeader(headers?.[`${prefix}reset`]);
		if (remaining === undefined || reset === undefined) continue;
		const resetMs = reset > 1e12 ? reset - now : reset > 1e9 ? reset * 1000 - now : reset * 1000;
		return { remaining, resetMs: Math.min(Math.max(0, resetMs), MAX_HOLD_MS) };
	}
	return undefined;
}

function numberHeader(raw: unknown): number | undefined {
	const value = Array.isArray(raw) ? raw[0] : raw;
	if (value === undefined || value === null || String(value).trim() === '') return undefined;
	const number = Number(value);
	return Number.isFinite(number) ? number : undefined;
}
