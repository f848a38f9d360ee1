/** The demo panel's rate-limit styles, on explicit times: what a client sees from each. */
import { RateLimiter } from '../../demo/panel/rateLimit';

/** For each time: whether a request arriving then goes through, and the headers its answer gets. */
const takeAt = (limiter: RateLimiter, times: number[]) =>
	times.map((time) => {
		const allowed = limiter.take(time);
		return { allowed, headers: limiter.headers(allowed, time) };
	});

test('window: fixed one-second windows, and every answer says what is left and when the window resets', () => {
	const [first, second, refused, nextWindow] = takeAt(new RateLimiter(2, 'window'), [1000, 1250, 1500, 2000]);
	expect(first).toEqual({ allowed: true, headers: { 'X-RateLimit-Limit': '2', 'X-RateLimit-Remaining': '1', 'X-RateLimit-Reset': '1.000' } });
	expect(second.headers['X-RateLimit-Remaining']).toBe('0');
	expect(refused).toEqual({
		allowed: false,
		headers: { 'X-RateLimit-Limit': '2', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '0.500', 'Retry-After': '1' },
	});
	expect(nextWindow.allowed).toBe(true);
});

test('bucket: one second of requests at once, then one per 1/rate; a refusal says only Retry-After', () => {
	const limiter = new RateLimiter(2, 'bucket');
	const [first, second, refused, refilled] = takeAt(limiter, [0, 0, 100, 600]);
	expect([first.allowed, second.allowed, refused.allowed, refilled.allowed]).toEqual([true, true, false, true]);
	expect(first.headers).toEqual({});
	expect(refused.headers).toEqual({ 'Retry-After': '1' });
});

test('plain: at most the rate in any rolling second, refused with no header at all', () => {
	const [first, second, refused, later] = takeAt(new RateLimiter(2, 'plain'), [0, 10, 990, 1000]);
	expect([first.allowed, second.allowed, refused.allowed, later.allowed]).toEqual([true, true, false, true]);
	expect(refused.headers).toEqual({});
});

test('no limit lets everything through; an unknown style is refused', () => {
	expect(takeAt(new RateLimiter(undefined, 'window'), [0, 0, 0]).every((decision) => decision.allowed)).toBe(true);
	expect(() => new RateLimiter(1, 'leaky' as never)).toThrow(/Unknown rate limit style "leaky"/);
});
