/** Allows at most `perSecond` requests in any rolling 1000 ms window (real time); refused ones don't count. */
export class RollingRateLimiter {
	private readonly acceptedAt: number[] = [];

	constructor(private perSecond: number | undefined) {}

	setLimit(perSecond: number | undefined): void {
		this.perSecond = perSecond;
	}

	tryAcquire(nowMs: number = Date.now()): boolean {
		if (this.perSecond === undefined || this.perSecond <= 0) return true;
		while (this.acceptedAt.length > 0 && nowMs - this.acceptedAt[0] >= 1000) this.acceptedAt.shift();
		if (this.acceptedAt.length >= this.perSecond) return false;
		this.acceptedAt.push(nowMs);
		return true;
	}
}
