import type { RateLimitStyle } from './types';

export const RATE_LIMIT_STYLES: readonly RateLimitStyle[] = ['bucket', 'window', 'plain'];

/**
 * One way real panels limit requests: `perSecond` in real time; refused requests don't count.
 * A request is counted when it arrives; the headers about the limit are written when the answer
 * goes out, as a panel's rate-limit middleware does.
 */
interface LimitStyle {
	take(nowMs: number, perSecond: number): boolean;
	headers(nowMs: number, perSecond: number, allowed: boolean): Record<string, string>;
}

/** A token bucket holding one second of requests; a refusal says only `Retry-After` (whole seconds). */
class TokenBucket implements LimitStyle {
	private tokens?: number;
	private updatedAt = 0;

	take(nowMs: number, perSecond: number): boolean {
		if (this.tokensAt(nowMs, perSecond) < 1) return false;
		this.tokens! -= 1;
		return true;
	}

	headers(nowMs: number, perSecond: number, allowed: boolean): Record<string, string> {
		if (allowed) return {};
		const waitSeconds = (1 - this.tokensAt(nowMs, perSecond)) / perSecond;
		return { 'Retry-After': String(Math.max(1, Math.ceil(waitSeconds))) };
	}

	private tokensAt(nowMs: number, perSecond: number): number {
		const elapsed = Math.max(0, nowMs - this.updatedAt) / 1000;
		this.tokens = Math.min(perSecond, (this.tokens ?? perSecond) + elapsed * perSecond);
		this.updatedAt = Math.max(this.updatedAt, nowMs);
		return this.tokens;
	}
}

/**
 * Fixed one-second windows; every answer says how many requests are left in the window and in
 * how many seconds it starts again, with milliseconds (`X-RateLimit-Reset: 0.734`).
 */
class FixedWindow implements LimitStyle {
	private window = -1;
	private used = 0;

	take(nowMs: number, perSecond: number): boolean {
		this.roll(nowMs);
		if (this.used >= perSecond) return false;
		this.used += 1;
		return true;
	}

	headers(nowMs: number, perSecond: number, allowed: boolean): Record<string, string> {
		this.roll(nowMs);
		const resetSeconds = ((this.window + 1) * 1000 - nowMs) / 1000;
		const headers: Record<string, string> = {
			'X-RateLimit-Limit': String(perSecond),
			'X-RateLimit-Remaining': String(Math.max(0, perSecond - this.used)),
			'X-RateLimit-Reset': resetSeconds.toFixed(3),
		};
		if (!allowed) headers['Retry-After'] = String(Math.ceil(resetSeconds));
		return headers;
	}

	private roll(nowMs: number): void {
		const window = Math.floor(nowMs / 1000);
		if (window > this.window) [this.window, this.used] = [window, 0];
	}
}

/** At most `perSecond` in any rolling second, refused with a bare 429: nothing says when to come back. */
class RollingWindow implements LimitStyle {
	private readonly acceptedAt: number[] = [];

	take(nowMs: number, perSecond: number): boolean {
		while (this.acceptedAt.length > 0 && nowMs - this.acceptedAt[0] >= 1000) this.acceptedAt.shift();
		if (this.acceptedAt.length >= perSecond) return false;
		this.acceptedAt.push(nowMs);
		return true;
	}

	headers(): Record<string, string> {
		return {};
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

	/** Whether a request arriving now goes through; it counts if it does. */
	take(nowMs: number = Date.now()): boolean {
		return this.perSecond === undefined || this.perSecond <= 0 || this.limit.take(nowMs, this.perSecond);
	}

	/** What the answer says about the limit, as it goes out. */
	headers(allowed: boolean, nowMs: number = Date.now()): Record<string, string> {
		if (this.perSecond === undefined || this.perSecond <= 0) return {};
		return this.limit.headers(nowMs, this.perSecond, allowed);
	}
}

function checkStyle(style: RateLimitStyle): RateLimitStyle {
	if (!RATE_LIMIT_STYLES.includes(style)) {
		throw new RangeError(`Unknown rate limit style "${style}", expected one of ${RATE_LIMIT_STYLES.join(', ')}`);
	}
	return style;
}
