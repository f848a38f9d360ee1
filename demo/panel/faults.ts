import { type Answer, errorAnswer, htmlAnswer, rawJsonAnswer } from './answers';
import type { FaultKind, FaultPlan } from './types';

/**
 * Injected failures, to show how clients cope with what real panels do: rate limits, gateway errors,
 * Cloudflare pages, empty or cut-off bodies, dropped connections and answers that never come.
 */

const FAULT_KINDS: readonly FaultKind[] = [
	'rateLimit',
	'serverError',
	'htmlPage',
	'emptyBody',
	'brokenJson',
	'dropConnection',
	'timeout',
];

/** What the server does instead of (or after) answering normally. */
export type Reply = { kind: 'answer'; answer: Answer } | { kind: 'drop' } | { kind: 'hold' };

interface ActivePlan {
	plan: FaultPlan;
	remaining: number;
	random: () => number;
}

export class FaultInjector {
	private active: ActivePlan[] = [];

	setPlans(plans: readonly FaultPlan[]): void {
		this.active = plans.map((plan) => {
			validatePlan(plan);
			return { plan, remaining: plan.count ?? Infinity, random: mulberry32(plan.seed ?? 1) };
		});
	}

	/** The fault to apply to a request with this action, if any; consumes one use of its plan. */
	pick(action: string): FaultPlan | undefined {
		for (const entry of this.active) {
			if (entry.remaining <= 0) continue;
			if (entry.plan.actions && !entry.plan.actions.includes(action)) continue;
			if (entry.plan.rate !== undefined && entry.random() >= entry.plan.rate) continue;
			entry.remaining -= 1;
			return entry.plan;
		}
		return undefined;
	}
}

const TOO_MANY_REQUESTS: Answer = {
	...errorAnswer('Too many requests', 429),
	headers: { 'Retry-After': '1' },
};

/** @param processed the normal answer when the request was processed first (afterProcessing). */
export function faultReply(plan: FaultPlan, processed?: Answer): Reply {
	switch (plan.kind) {
		case 'rateLimit':
			return { kind: 'answer', answer: TOO_MANY_REQUESTS };
		case 'serverError':
			return { kind: 'answer', answer: htmlAnswer(BAD_GATEWAY_PAGE, plan.status ?? 502) };
		case 'htmlPage':
			return { kind: 'answer', answer: htmlAnswer(CLOUDFLARE_CHALLENGE_PAGE, plan.status ?? 200) };
		case 'emptyBody':
			return { kind: 'answer', answer: rawJsonAnswer('') };
		case 'brokenJson':
			return { kind: 'answer', answer: rawJsonAnswer(truncate(processed?.body)) };
		case 'dropConnection':
			return { kind: 'drop' };
		case 'timeout':
			return { kind: 'hold' };
	}
}

/** The answer cut off mid-way, as a proxy dropping the connection would leave it. */
function truncate(body: string | undefined): string {
	if (body === undefined || body.length < 4) return '{"order": 12';
	return body.slice(0, Math.floor(body.length / 2));
}

function validatePlan(plan: FaultPlan): void {
	if (!FAULT_KINDS.includes(plan.kind)) {
		throw new RangeError(`Unknown fault kind "${plan.kind}", expected one of ${FAULT_KINDS.join(', ')}`);
	}
	if (plan.rate !== undefined && !(plan.rate >= 0 && plan.rate <= 1)) {
		throw new RangeError(`Fault rate must be between 0 and 1, got ${plan.rate}`);
	}
	if (plan.count !== undefined && !(Number.isInteger(plan.count) && plan.count >= 0)) {
		throw new RangeError(`Fault count must be an integer >= 0, got ${plan.count}`);
	}
}

/** Small, fast, seedable PRNG: the same seed gives the same sequence of faults on every run. */
function mulberry32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const BAD_GATEWAY_PAGE = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
`;

const CLOUDFLARE_CHALLENGE_PAGE = `<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<meta name="robots" content="noindex,nofollow">
<meta name="viewport" content="width=device-width,initial-scale=1">
</head><body><div class="main-wrapper" role="main"><div class="main-content">
<h1 class="zone-name-title h1">demo-panel.local</h1>
<h2 class="h2" id="challenge-running">Checking if the site connection is secure</h2>
<noscript><div id="challenge-error-title">Enable JavaScript and cookies to continue</div></noscript>
<div id="challenge-body-text" class="core-msg spacer">demo-panel.local needs to review the security of your connection before proceeding.</div>
</div></div>
<div class="footer" role="contentinfo"><div class="footer-inner"><div class="clearfix diagnostic-wrapper">
<div class="ray-id">Ray ID: <code>8a1b2c3d4e5f6a7b</code></div></div>
<div class="text-center" id="footer-text">Performance &amp; security by Cloudflare</div></div></div>
</body></html>
`;
