import { performance } from 'node:perf_hooks';

/**
 * Simulated time in ms since the panel started:
 * real elapsed time * timeScale + everything passed to advance().
 * Changing the scale re-bases the clock, so simulated time never jumps or runs backwards.
 */
export class SimulatedClock {
	private baseSimulatedMs = 0;
	private baseRealMs = performance.now();

	constructor(private timeScale: number) {
		assertScale(timeScale);
	}

	now(): number {
		return this.baseSimulatedMs + (performance.now() - this.baseRealMs) * this.timeScale;
	}

	advance(ms: number): void {
		if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance(ms) needs a finite ms >= 0, got ${ms}`);
		this.baseSimulatedMs += ms;
	}

	setTimeScale(timeScale: number): void {
		assertScale(timeScale);
		this.baseSimulatedMs = this.now();
		this.baseRealMs = performance.now();
		this.timeScale = timeScale;
	}
}

function assertScale(timeScale: number): void {
	if (!Number.isFinite(timeScale) || timeScale < 0) {
		throw new RangeError(`timeScale must be a finite number >= 0, got ${timeScale}`);
	}
}
