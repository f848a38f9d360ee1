/**
 * The pacer's decisions, on a fake clock: how fast it lets requests start after what the panel
 * answered. No real time passes, so nothing here depends on the machine's speed.
 */
import { type PaceLimits, type PaceSignal, Pacer, quotaFrom } from '../../nodes/SmmPanel/transport/pacing';

beforeEach(() => jest.useFakeTimers({ now: 0 }));
afterEach(() => jest.useRealTimers());

const LATENCY_MS = 20;
const PASSED: PaceSignal = { refused: false };
const REFUSED: PaceSignal = { refused: true };

interface Sent {
	/** When each request started, in the order they asked. */
	starts: number[];
	refused: number;
	maxInFlight: number;
}

/**
 * Sends `count` requests through one pacer; the panel answers each `latencyMs` (the n-th request
 * sent) after it starts, deciding at that moment (`panel(now)`).
 */
async function send(
	count: number,
	panel: (now: number) => PaceSignal,
	limits: PaceLimits = { maxInFlight: 2, minIntervalMs: 0 },
	latencyMs: (sent: number) => number = () => LATENCY_MS,
): Promise<Sent> {
	const pacer = new Pacer();
	const sent: Sent = { starts: [], refused: 0, maxInFlight: 0 };
	let inFlight = 0;
	const requests = Array.from({ length: count }, async () => {
		for (;;) {
			const turn = await pacer.turn(limits);
			sent.starts.push(Date.now());
			sent.maxInFlight = Math.max(sent.maxInFlight, ++inFlight);
			await new Promise((resolve) => setTimeout(resolve, latencyMs(sent.starts.length)));
			inFlight--;
			const signal = panel(Date.now());
			pacer.answered(turn, signal);
			if (!signal.refused) return;
			sent.refused++;
		}
	});
	const all = Promise.all(requests);
	await jest.runAllTimersAsync();
	await all;
	return sent;
}

/** A panel taking at most `perSecond` requests in any rolling second, refusing with a bare 429. */
function rollingWindow(perSecond: number | ((now: number) => number)) {
	const accepted: number[] = [];
	const limitAt = typeof perSecond === 'number' ? () => perSecond : perSecond;
	return (now: number): PaceSignal => {
		while (accepted.length > 0 && now - accepted[0] >= 1000) accepted.shift();
		if (accepted.length >= limitAt(now)) return REFUSED;
		accepted.push(now);
		return PASSED;
	};
}

/** A panel with fixed one-second windows that says what is left in `X-RateLimit-*` headers. */
function fixedWindow(perSecond: number) {
	let window = -1;
	let used = 0;
	return (now: number): PaceSignal => {
		if (Math.floor(now / 1000) !== window) [window, used] = [Math.floor(now / 1000), 0];
		const refused = used >= perSecond;
		if (!refused) used++;
		return { refused, quota: { remaining: perSecond - used, resetMs: (window + 1) * 1000 - now } };
	};
}

const gaps = (starts: number[]) => starts.slice(1).map((start, index) => start - starts[index]);

describe('slowing down', () => {
	test('the first refusal waits out the second the panel counted, then paces just under what it accepted in it', async () => {
		const { starts, refused } = await send(20, rollingWindow(5), { maxInFlight: 1, minIntervalMs: 0 });
		expect(refused).toBe(1);
		const [firstAccepted, , , , , refusedAt, afterRefusal] = starts;
		expect(refusedAt).toBeLessThan(1000); // the burst met the limit...
		expect(afterRefusal).toBeGreaterThanOrEqual(firstAccepted + 1000); // ...and the next waited out its second
		// Then about 5 a second: just under, never over.
		for (const gap of gaps(starts.slice(7))) expect(gap).toBeGreaterThanOrEqual(1000 / 5);
	});

	test('the wait is counted from the first answer: a slow first request was counted late', async () => {
		// Connecting makes the first answer slow; the panel counts each request as it answers.
		const { refused } = await send(30, rollingWindow(5), { maxInFlight: 1, minIntervalMs: 0 }, (sent) => (sent === 1 ? 80 : LATENCY_MS));
		expect(refused).toBe(1);
	});

	test('a token bucket\'s stored burst is told from its pace at the next refusal, and refusals stop', async () => {
		// A bucket holding one second of requests: its first second lets through twice its rate.
		let tokens = 10;
		let updatedAt = 0;
		const bucket = (now: number): PaceSignal => {
			tokens = Math.min(10, tokens + ((now - updatedAt) / 1000) * 10);
			updatedAt = now;
			if (tokens < 1) return REFUSED;
			tokens--;
			return PASSED;
		};
		const { starts, refused } = await send(200, bucket);
		// One for the limit (two in flight met it), one when the burst ran out.
		expect(refused).toBeLessThanOrEqual(3);
		// And the panel's whole pace was used: 200 requests at 10 a second, plus the first second's burst.
		expect(starts.at(-1)!).toBeLessThan(200 * 100 * 1.03);
	});

	test('a panel kept at its limit is paced to what it accepted meanwhile, so refusals stop', async () => {
		// Busy from the 15th second on, the panel takes 5 a second instead of 10.
		const { starts, refused } = await send(250, rollingWindow((now) => (now < 15_000 ? 10 : 5)));
		// About a second of refusals at twice its new pace is measured, then none.
		expect(refused).toBeLessThanOrEqual(10);
		// The last 40 went at its new pace with none refused.
		const last = starts.slice(-40);
		expect(last.at(-1)! - last[0]).toBeGreaterThanOrEqual(39 * 200 * 0.97);
	});
});

describe('speeding up', () => {
	test('answers that pass make the pace a little faster each time, probing for the panel\'s limit', async () => {
		let refusedOnce = false;
		// Refuses the 6th request once, then takes everything.
		let answered = 0;
		const { starts } = await send(60, () => {
			answered++;
			if (answered === 6 && !refusedOnce) return (refusedOnce = true), REFUSED;
			return PASSED;
		});
		const paced = gaps(starts.slice(8));
		expect(paced.at(-1)!).toBeLessThan(paced[0]);
		for (let index = 1; index < paced.length; index++) expect(paced[index]).toBeLessThanOrEqual(paced[index - 1] + 1);
	});

	test('until the panel shows a limit, requests in flight start at two and grow a step each quarter second up to the ceiling', async () => {
		const limits = { maxInFlight: 4, minIntervalMs: 0 };
		const { starts, maxInFlight } = await send(200, () => PASSED, limits);
		expect(maxInFlight).toBe(4);
		// Two at first: each pair of requests waits for the pair before.
		const early = starts.filter((start) => start < 250);
		for (const gap of gaps(early).filter((_, index) => index % 2 === 1)) expect(gap).toBeGreaterThanOrEqual(LATENCY_MS);
	});

	test('a slow panel gets its third request at the next step, not after the first answer', async () => {
		const { starts } = await send(5, () => PASSED, { maxInFlight: 3, minIntervalMs: 0 }, () => 400);
		expect(starts).toEqual([0, 0, 250, 400, 400]);
	});
});

describe('X-RateLimit-* / RateLimit-* headers', () => {
	test('spread what the window has left over the time until it resets: no refusal at all', async () => {
		const { starts, refused } = await send(40, fixedWindow(8));
		expect(refused).toBe(0);
		const perWindow = new Map<number, number>();
		for (const start of starts) perWindow.set(Math.floor(start / 1000), (perWindow.get(Math.floor(start / 1000)) ?? 0) + 1);
		expect(Math.max(...perWindow.values())).toBeLessThanOrEqual(8);
		// And the panel's pace is used in full: 40 requests in 5 windows.
		expect(starts.at(-1)!).toBeLessThan(5000);
	});

	test('with none left, nothing starts before the window resets', async () => {
		const { starts } = await send(3, (now) => ({ refused: false, quota: { remaining: 0, resetMs: 700 - now } }), { maxInFlight: 1, minIntervalMs: 0 });
		expect(starts[1]).toBeGreaterThanOrEqual(700);
	});

	test.each([
		['seconds from now, with a fraction', { 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': '0.25' }, { remaining: 3, resetMs: 250 }],
		['a Unix time in seconds', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(1_700_000_002) }, { remaining: 0, resetMs: 2000 }],
		['the IETF draft names', { 'ratelimit-remaining': ['7'], 'ratelimit-reset': '1' }, { remaining: 7, resetMs: 1000 }],
		['no reset: no quota to follow', { 'x-ratelimit-remaining': '7' }, undefined],
	])('are read as %s', (_name, headers, quota) => {
		expect(quotaFrom(headers, 1_700_000_000_000)).toEqual(quota);
	});
});

describe('the user\'s bounds', () => {
	test('"Requests in Flight" is a ceiling the pace never goes above', async () => {
		const { maxInFlight } = await send(60, fixedWindow(1000), { maxInFlight: 2, minIntervalMs: 0 });
		expect(maxInFlight).toBe(2);
	});

	test('"Pause Between Orders" is a floor, even when the panel says it would take more', async () => {
		const { starts } = await send(8, fixedWindow(1000), { maxInFlight: 2, minIntervalMs: 300 });
		for (const gap of gaps(starts)) expect(gap).toBeGreaterThanOrEqual(300);
	});
});
