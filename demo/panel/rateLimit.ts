import type { RateLimitStyle } from './types';

export const RATE_LIMIT_STYLES: readonly RateLimitStyle[] = ['bucket', 'window', 'plain'];

/** Whether a request may go through, and the headers the panel adds about its limit. */
export interface RateDecision {
	allowed: boolean;
	headers: Record<string, string>;
}

/** One way real panels limit requests: `perSecond` in real time; refused requests don't count. */
interface LimitStyle {
	take(nowMs: number, perSecond: number): RateDecision;
}

/** A token bucket holding one second of requests; a refusal says only `Retry-After` (whole seconds). */
class TokenBucket implements LimitStyle {
	private tokens?: number;
	private updatedAt = 0;

	take(nowMs: number, perSecond: number): RateDecision {
		const elapsed = (nowMs - this.updatedAt) / 1000;
		this.tokens = Math.min(perSecond, (this.tokens ?? perSecond) + elapsed * perSecond);
		this.updatedAt = nowMs;
		if (this.tokens < 1) {
			const waitSeconds = (1 - this.tokens) / perSecond;
			return { allowed: false, headers: { 'Retry-After': String(Math.max(1, Math.ceil(waitSeconds))) } };
		}
		this.tokens -= 1;
		return { allowed: true, headers: {} };
	}
}

/**
 * Fixed one-second windows; every answer says how many requests are left in the window and in
 * how many seconds it starts again, with milliseconds (`X-RateLimit-Reset: 0.734`).
 */
class FixedWindow implements LimitStyle {
	private window = -1;
	private used = 0;

	take(nowMs: number, perSecond: number): RateDecision {
		const window = Math.floor(nowMs / 1000);
		if (window !== this.window) {
			this.window = window;
			this.used = 0;
		}
		const allowed = this.used < perSecond;
		if (allowed) this.used += 1;
		const resetSeconds = ((window + 1) * 1000 - nowMs) / 1000;
		const headers: Record<string, string> = {
			'X-RateLimit-Limit': String(perSecond),
			'X-RateLimit-Remaining': String(perSecond - this.used),
			'X-RateLimit-Reset': resetSeconds.toFixed(3),
		};
		if (!allowed) headers['Retry-After'] = String(Math.ceil(resetSeconds));
		return { allowed, headers };
	}
}

/** At most `perSecond` in any rolling second, refused with a bare 429: nothing says when to come back. */
class RollingWindow implements LimitStyle {
	private readonly acceptedAt: number[] = [];

	take(nowMs: number, perSecond: number): RateDecision {
		while (this.acceptedAt.length > 0 && nowMs - this.acceptedAt[0] >= 1000) this.acceptedAt.shift();
		if (this.acceptedAt.length >= perSecond) return { allowed: false, headers: {} };
		this.acceptedAt.push(nowMs);
		return { allowed: true, headers: {} };
	}
}

const STYLES: Record<RateLimitStyle, () => LimitStyle> = {
	bucket: () => new TokenBucket(),
	window: () => new FixedWindow(),
	plain: () => new RollingWindow(),
};

/** The panel's rate limit: off, or `perSecond` requests in the chosen style. */
export class RateLimiter {
	private limit: LimitStyle;

	constructor(
		private perSecond: number | undefined,
		private style: RateLimitStyle = 'bucket',
	) {
		this.limit = STYLES[checkStyle(style)]();
	}

	/** A new limit or style starts from a fresh window / full bucket. */
	configure(perSecond: number | undefined, style: RateLimitStyle = this.style): void {
		this.perSecond = perSecond;
		this.style = checkStyle(style);
		this.limit = STYLES[this.style]();
	}

	get configuration(): { perSecond: number | undefined; style: RateLimitStyle } {
		return { perSecond: this.perSecond, style: this.style };
	}

	take(nowMs: number = Date.now()): RateDecision {
		if (this.perSecond === undefined || this.perSecond <= 0) return { allowed: true, headers: {} };
		return this.limit.take(nowMs, this.perSecond);
	}
}

function checkStyle(style: RateLimitStyle): RateLimitStyle {
	if (!RATE_LIMIT_STYLES.includes(style)) {
		throw new RangeError(`Unknown rate limit style "${style}", expected one of ${RATE_LIMIT_STYLES.join(', ')}`);
	}
	return style;
}
