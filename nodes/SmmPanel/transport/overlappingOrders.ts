import { panelApiUrl } from '../../../credentials/SmmPanelApi.credentials';
import { PanelFailure } from './failures';
import { CREDENTIAL_TYPE, type PanelContext } from './request';

/**
 * Whether a panel takes two orders at once. A widely used PHP panel script reads the balance in
 * `add` and writes balance − charge only if it is unchanged: of two overlapping orders, one takes
 * the order but answers HTTP 200 with nothing, so the node cannot know it was placed.
 */
export type OverlapVerdict = 'takesOverlapping' | 'losesOverlapping';

/** Where the verdict is kept between executions (n8n's database): entries looked up, recorded and forgotten. */
export interface VerdictStore {
	/** Which of the entries are there, leaving the store as it was. */
	probe(entries: string[]): Promise<Set<string>>;
	record(entries: string[]): Promise<unknown>;
	forget(entries: string[]): Promise<void>;
}

/** What the gate learnt, kept per panel URL so a later run starts from it. */
export class PanelVerdicts {
	constructor(
		private readonly store: VerdictStore | undefined,
		private readonly panelUrl: string,
	) {}

	private entry(verdict: OverlapVerdict): string {
		return `panel ${this.panelUrl} ${verdict}`;
	}

	async recall(): Promise<OverlapVerdict | undefined> {
		if (!this.store) return undefined;
		const seen = await this.store.probe(VERDICTS.map((verdict) => this.entry(verdict)));
		return VERDICTS.find((verdict) => seen.has(this.entry(verdict)));
	}

	async remember(verdict: OverlapVerdict): Promise<void> {
		if (!this.store) return;
		await this.store.record([this.entry(verdict)]);
		await this.store.forget(VERDICTS.filter((other) => other !== verdict).map((other) => this.entry(other)));
	}
}

const VERDICTS: OverlapVerdict[] = ['losesOverlapping', 'takesOverlapping'];

/** One order on its way; `overlapped` once another order was on its way at the same time. */
export interface OrderTicket {
	overlapped: boolean;
}

/**
 * Lets orders out in input order, as many at once as the panel is known to take: never re-sending a
 * possibly placed order, the node instead learns before it overlaps many. On a panel it knows
 * nothing about, the first order goes alone, then two together, and none more until both answered:
 * so a panel that loses one of two overlapping answers costs at most one order in doubt. If that
 * happens (now or later), the rest go one at a time; if both answered, up to the user's limit.
 */
export class OrderGate {
	private readonly inFlight = new Set<OrderTicket>();
	private readonly waiting: Array<() => void> = [];
	/** An order that went alone was answered: the panel answers this node at all. */
	private answeredAlone = false;
	/** While learning: orders let out together, and how many of them are still on their way. */
	private probe?: { size: number; open: number; lost: boolean; answered: number };

	constructor(
		private readonly maxInFlight: number,
		private verdict: OverlapVerdict | undefined,
		private readonly learnt: (verdict: OverlapVerdict) => Promise<void>,
	) {}

	/** How many orders may be on their way now. */
	private get limit(): number {
		const ceiling = Math.max(1, this.maxInFlight);
		if (this.verdict === 'losesOverlapping') return 1;
		if (this.verdict === 'takesOverlapping' || ceiling === 1) return ceiling;
		return this.answeredAlone ? 2 : 1;
	}

	private get mayStart(): boolean {
		if (this.inFlight.size >= this.limit) return false;
		// Learning: the pair goes together, and nothing more until both answered.
		if (this.verdict === undefined && this.answeredAlone && this.probe && this.probe.size >= 2) return false;
		return true;
	}

	async enter(): Promise<OrderTicket> {
		while (!this.mayStart) await new Promise<void>((resolve) => this.waiting.push(resolve));
		const ticket: OrderTicket = { overlapped: this.inFlight.size > 0 };
		for (const other of this.inFlight) other.overlapped = true;
		this.inFlight.add(ticket);
		if (this.verdict === undefined && this.answeredAlone) {
			this.probe ??= { size: 0, open: 0, lost: false, answered: 0 };
			this.probe.size += 1;
			this.probe.open += 1;
		}
		return ticket;
	}

	/** `failure` undefined: the panel answered with an order id. */
	async leave(ticket: OrderTicket, failure?: unknown): Promise<void> {
		this.inFlight.delete(ticket);
		const answered = failure === undefined || (failure instanceof PanelFailure && failure.kind === 'panelError');
		const lostToOverlap = ticket.overlapped && isUnreadableAnswer(failure);
		let learnt: OverlapVerdict | undefined;
		if (lostToOverlap && this.verdict !== 'losesOverlapping') learnt = 'losesOverlapping';
		else if (this.probe && this.verdict === undefined) learnt = this.probed(answered, lostToOverlap);
		if (!ticket.overlapped && answered) this.answeredAlone = true;
		if (learnt) {
			this.verdict = learnt;
			this.probe = undefined;
		}
		this.wakeAll();
		if (learnt) await this.learnt(learnt);
	}

	/** One order of the learning pair answered: the verdict once both have, when they tell one. */
	private probed(answered: boolean, lost: boolean): OverlapVerdict | undefined {
		const probe = this.probe!;
		probe.open -= 1;
		probe.lost ||= lost;
		if (answered) probe.answered += 1;
		if (probe.open > 0) return undefined;
		this.probe = undefined;
		if (probe.lost) return 'losesOverlapping';
		return probe.size >= 2 && probe.answered === probe.size ? 'takesOverlapping' : undefined;
	}

	private wakeAll(): void {
		for (const wake of this.waiting.splice(0)) wake();
	}
}

/** HTTP 200 with nothing, or nothing readable: what the losing order of the race answers. */
function isUnreadableAnswer(failure: unknown): boolean {
	if (!(failure instanceof PanelFailure)) return false;
	const code = failure.details.httpCode ?? 200;
	return (failure.kind === 'emptyBody' || failure.kind === 'notJson') && code < 300;
}

/**
 * The gate for this execution's orders, starting from what an earlier one learnt about the panel.
 * Orders that cannot overlap (one order, or one in flight) neither need the verdict nor teach one,
 * so they leave the store alone: a shop's webhook placing one order at a time costs it nothing.
 */
export async function orderGateFor(
	context: PanelContext,
	{ orderCount, maxInFlight }: { orderCount: number; maxInFlight: number },
	store: () => VerdictStore | undefined,
): Promise<OrderGate> {
	const mayOverlap = orderCount > 1 && maxInFlight > 1;
	const verdicts = new PanelVerdicts(mayOverlap ? store() : undefined, panelApiUrl(await context.getCredentials(CREDENTIAL_TYPE)));
	const remembered = await verdicts.recall().catch((error: Error) => {
		context.logger.warn(`SMM Panel: could not read what the node learnt about the panel: ${error.message}`);
		return undefined;
	});
	return new OrderGate(maxInFlight, remembered, async (verdict) => {
		await verdicts.remember(verdict).catch((error: Error) => {
			context.logger.warn(`SMM Panel: could not keep what the node learnt about the panel: ${error.message}`);
		});
	});
}
