import { NodeApiError, type INode, type INodeExecutionData, type JsonObject, type NodeOperationError } from 'n8n-workflow';

import type { PaceSignal } from './pacing';

/**
 * What went wrong with one panel request, in terms the rest of the package decides on:
 * whether the panel said no (`panelError`), whether the answer was lost (`network`, `serverError`,
 * `notJson`, `emptyBody`, `htmlPage`) or whether the panel asked us to slow down (`rateLimited`).
 */
export type FailureKind =
	| 'panelError'
	| 'rateLimited'
	| 'serverError'
	| 'httpError'
	| 'htmlPage'
	| 'emptyBody'
	| 'notJson'
	| 'network';

export class PanelFailure extends Error {
	constructor(
		readonly kind: FailureKind,
		message: string,
		readonly details: { httpCode?: number; panelMessage?: string; retryAfterMs?: number; quota?: PaceSignal['quota'] } = {},
	) {
		super(message);
		this.name = 'PanelFailure';
	}

	/** A read may be sent again after these; the panel was busy, down or unreachable. */
	get isTransient(): boolean {
		return (
			this.kind === 'rateLimited' ||
			this.kind === 'serverError' ||
			this.kind === 'network' ||
			this.kind === 'emptyBody'
		);
	}

	/**
	 * The panel answered no: its own error, a 4xx, or a lasting 429. Nothing was placed, so the
	 * order may be placed later by a corrected run.
	 */
	get refusedWithoutActing(): boolean {
		const code = this.details.httpCode;
		return this.kind === 'panelError' || this.kind === 'rateLimited' || (code !== undefined && code >= 400 && code < 500);
	}

	/** The panel refused before doing anything, so even an order may be sent again. */
	get panelRefusedBeforeActing(): boolean {
		return this.kind === 'rateLimited';
	}
}

const ADVICE: Array<[RegExp, string]> = [
	[/user not found|api is disabled?\b|account is (inactive|disabled)/i, 'Check the API key in the SMM Panel credential (copy the key again from the panel\'s API page); if it is right, ask the panel\'s support to turn on API access for your account.'],
	[/api[ _-]?key|invalid key|wrong key|unauthori[sz]ed/i, 'Check the API key in the SMM Panel credential: copy the key again from the panel\'s API page.'],
	[/fund|balance/i, 'Top up your balance on the panel, or order a smaller quantity.'],
	[/service/i, 'Pick the service again from the list: the panel does not know this service id, or it does not take this order type.'],
	[/min_quantity|minimum|too (low|small)/i, 'Raise the quantity to at least the service\'s minimum (see the service list).'],
	[/max_quantity|maximum|too (high|large)/i, 'Lower the quantity to at most the service\'s maximum (see the service list).'],
	[/link_duplicate|active order with this link/i, 'The panel already runs an order for this link: wait until it completes, or use another link.'],
	[/order id|order not found/i, 'Check the order id: it must be an order placed with this API key on this panel.'],
	[/refill not found/i, 'Check the refill id: it must be a refill created on this panel.'],
	[/refill/i, 'This order cannot be refilled now: the service may not offer refills, or the order is not completed yet.'],
	[/cancel/i, 'This order cannot be canceled: the service may not allow it, or the order has started.'],
	[/incorrect request|unknown action|invalid action/i, 'The panel did not understand the request: check that the credential URL is the API URL (often ending in /api/v2).'],
	[/too many|rate limit|slow down/i, 'The panel limits how fast you may call it: lower "Requests in Flight" or add a pause between orders.'],
];

/** What the user can do about a message the panel sent. */
export function adviceFor(panelMessage: string): string {
	const match = ADVICE.find(([pattern]) => pattern.test(panelMessage));
	return match ? match[1] : 'See the panel\'s message above; the panel\'s support can explain it if it is unclear.';
}

const KIND_ADVICE: Record<Exclude<FailureKind, 'panelError'>, string> = {
	rateLimited: 'The panel asked to slow down (HTTP 429). Lower "Requests in Flight", add a pause, or try again in a minute.',
	serverError: 'The panel had a server error. It is usually temporary: try again in a few minutes.',
	httpError: 'Check the API URL in the SMM Panel credential.',
	htmlPage: 'The URL answered with a web page, not the API: check that the credential URL is the API URL (often ending in /api/v2). A "Just a moment" page means the panel\'s firewall blocked n8n; ask the panel to allow your server\'s IP.',
	emptyBody: 'The panel answered with nothing. It may be overloaded: try again in a few minutes.',
	notJson: 'The panel\'s answer was not JSON, so it could not be read. Check the API URL; if it is right, the panel may be having trouble.',
	network: 'The panel could not be reached. Check the API URL and that the panel is online, then try again.',
};

/** Replaces every occurrence of the API key, so a panel that echoes it cannot leak it. */
export function redact(text: string, secret: string | undefined): string {
	if (!secret || secret.length < 4) return text;
	return text.split(secret).join('***');
}

export interface ErrorContext {
	itemIndex?: number;
	/** For `add`, `refill` and `cancel`: the panel may have acted although its answer was lost. */
	mayHaveActed?: string;
}

export function toNodeApiError(
	node: INode,
	failure: PanelFailure,
	context: ErrorContext = {},
): NodeApiError {
	const { httpCode, panelMessage } = failure.details;
	const lostAnswer = failure.kind !== 'panelError' && !failure.panelRefusedBeforeActing;
	let description =
		failure.kind === 'panelError' ? adviceFor(panelMessage ?? failure.message) : KIND_ADVICE[failure.kind];
	if (lostAnswer && context.mayHaveActed) description = `${context.mayHaveActed} ${description}`;
	const cleanResponse: JsonObject = { message: failure.message, kind: failure.kind };
	if (httpCode !== undefined) cleanResponse.httpCode = String(httpCode);
	return new NodeApiError(node, cleanResponse, {
		message: failure.message,
		description,
		httpCode: httpCode !== undefined ? String(httpCode) : undefined,
		itemIndex: context.itemIndex,
	});
}

/**
 * On Error "Continue (using error output)": n8n sends an item down the error output only when the
 * error rides on the item (it then keeps just the error's message as the item's json). Other
 * settings keep the whole item: what to do, the key, the order id.
 */
export function withErrorOutput(
	node: INode,
	item: INodeExecutionData,
	error: NodeApiError | NodeOperationError,
): INodeExecutionData {
	if (node.onError === 'continueErrorOutput') item.error = error;
	return item;
}
