import type { CatalogService } from './catalog';

/**
 * Orders, refills and the balance. An order's state is not stored step by step: it is computed from
 * how much simulated time has passed since it was placed, so advancing the clock is all it takes to
 * move orders along. Refunds are booked once, when an order is first seen in a final state (settle()).
 */

// Timeline, in simulated ms.
const PENDING_MS = 2_000;
const DELIVERY_MS = 6_000;
const SUBSCRIPTION_MS = 15_000;
const SUBSCRIPTION_POST_EVERY_MS = 2_000;
// Drip-feed takes runs * interval "minutes", squeezed so even long schedules finish within ~15 s.
const DRIP_MS_PER_MINUTE = 20;
const DRIP_MIN_DELIVERY_MS = 3_000;
const DRIP_MAX_DELIVERY_MS = 13_000;
const REFILL_PENDING_MS = 1_000;
const REFILL_DONE_MS = 5_000;

// Deterministic variety: the n-th order placed ends Partial or Canceled, the n-th refill is Rejected.
const PARTIAL_EVERY = 7;
const CANCELED_EVERY = 11;
const REJECTED_REFILL_EVERY = 5;
const PARTIAL_DELIVERED_SHARE = 0.7;

const FIRST_ORDER_ID = 1000;
const FIRST_REFILL_ID = 1;

export type OrderStatus = 'Pending' | 'In progress' | 'Completed' | 'Partial' | 'Canceled' | 'Active';
export type RefillStatus = 'Pending' | 'In progress' | 'Completed' | 'Rejected';

/** What the add action hands over once the request is valid. */
export interface NewOrder {
	service: CatalogService;
	link?: string;
	username?: string;
	/** Items to deliver in total (for drip-feed: quantity per run * runs). */
	quantity: number;
	chargeUnits: number;
	dripFeed?: { runs: number; intervalMinutes: number };
	subscription?: { postsLimit?: number };
}

interface Order extends NewOrder {
	id: number;
	createdAt: number;
	plannedOutcome: 'Completed' | 'Partial' | 'Canceled';
	startCount: number;
	/** Simulated time of a cancel request that was accepted. */
	canceledAt?: number;
}

export interface OrderView {
	id: number;
	kind: 'regular' | 'dripFeed' | 'subscription';
	status: OrderStatus;
	/** Charge after refunds (refunds apply once the order is final). */
	chargeUnits: number;
	startCount: number;
	remains: number;
	/** Drip-feed: runs delivered so far. */
	runs?: number;
	/** Subscription: posts processed so far. */
	posts?: number;
	final: boolean;
	refundUnits: number;
}

interface Refill {
	id: number;
	orderId: number;
	createdAt: number;
}

export type Outcome<T> = { ok: T } | { error: string };

/** One order as the panel took it, for the demo panel's log of orders taken. */
export interface TakenOrder {
	order: number;
	service: number;
	/** The link, or for subscriptions the username. */
	target?: string;
	quantity: number;
	/** Simulated time it was placed. */
	at: number;
}

export class OrderBook {
	private readonly orders = new Map<number, Order>();
	private readonly unsettled = new Set<Order>();
	private settledAt = Number.NEGATIVE_INFINITY;
	private readonly refills = new Map<number, Refill>();
	private ordersCreated = 0;
	private refillsCreated = 0;

	constructor(private balanceUnits: number) {}

	/** Current balance, after booking the refunds of orders that became final by `now`. */
	balance(now: number): number {
		this.settle(now);
		return this.balanceUnits;
	}

	setBalance(units: number): void {
		this.balanceUnits = units;
	}

	/** `charged` false: the order is taken but the balance is left as it was (a lost balance write). */
	place(newOrder: NewOrder, now: number, charged = true): Outcome<number> {
		if (newOrder.chargeUnits > this.balance(now)) return { error: 'Not enough funds on balance' };
		if (charged) this.balanceUnits -= newOrder.chargeUnits;
		this.ordersCreated += 1;
		const sequence = this.ordersCreated;
		const id = FIRST_ORDER_ID + sequence - 1;
		const order: Order = {
			...newOrder,
			id,
			createdAt: now,
			plannedOutcome: plannedOutcome(sequence, newOrder),
			startCount: 100 + ((id * 7919) % 9000),
		};
		this.orders.set(id, order);
		this.unsettled.add(order);
		return { ok: id };
	}

	/** Every order taken, in the order they were placed. */
	taken(): TakenOrder[] {
		return [...this.orders.values()].map((order) => ({
			order: order.id,
			service: order.service.service,
			target: order.link ?? order.username,
			quantity: order.quantity,
			at: order.createdAt,
		}));
	}

	view(orderId: string, now: number): OrderView | undefined {
		const order = this.find(orderId);
		return order && viewOrder(order, now);
	}

	cancel(orderId: string, now: number): Outcome<true> {
		const order = this.find(orderId);
		if (!order) return { error: 'Incorrect order ID' };
		if (!order.service.cancel) return { error: 'Cancel is disabled for this service' };
		const { status } = viewOrder(order, now);
		if (status !== 'Pending' && status !== 'In progress' && status !== 'Active') {
			return { error: 'This order cannot be canceled' };
		}
		order.canceledAt = now;
		this.settle(now, true);
		return { ok: true };
	}

	requestRefill(orderId: string, now: number): Outcome<number> {
		const order = this.find(orderId);
		if (!order) return { error: 'Incorrect order ID' };
		if (!order.service.refill) return { error: 'Refill is disabled for this service' };
		const { status } = viewOrder(order, now);
		if (status !== 'Completed' && status !== 'Partial') {
			return { error: 'Refill is not available until the order is completed' };
		}
		const busy = [...this.refills.values()].some(
			(refill) => refill.orderId === order.id && !isFinalRefill(refillStatus(refill, now)),
		);
		if (busy) return { error: 'The refill task is not completed for this order' };
		this.refillsCreated += 1;
		const refill: Refill = { id: FIRST_REFILL_ID + this.refillsCreated - 1, orderId: order.id, createdAt: now };
		this.refills.set(refill.id, refill);
		return { ok: refill.id };
	}

	refillStatus(refillId: string, now: number): RefillStatus | undefined {
		const id = parseId(refillId);
		const refill = id === undefined ? undefined : this.refills.get(id);
		return refill && refillStatus(refill, now);
	}

	private find(orderId: string): Order | undefined {
		const id = parseId(orderId);
		return id === undefined ? undefined : this.orders.get(id);
	}

	/**
	 * Books the refund of every order that has reached a final state. It walks every open order,
	 * so it runs at most once per SETTLE_EVERY_MS of simulated time: thousands of orders stay fast.
	 */
	private settle(now: number, force = false): void {
		if (!force && now - this.settledAt < SETTLE_EVERY_MS) return;
		this.settledAt = now;
		for (const order of this.unsettled) {
			const view = viewOrder(order, now);
			if (!view.final) continue;
			this.balanceUnits += view.refundUnits;
			this.unsettled.delete(order);
		}
	}
}

const SETTLE_EVERY_MS = 250;

export function parseId(raw: string): number | undefined {
	const trimmed = raw.trim();
	return /^\d{1,15}$/.test(trimmed) ? Number(trimmed) : undefined;
}

function plannedOutcome(sequence: number, order: NewOrder): Order['plannedOutcome'] {
	if (order.subscription) return 'Completed';
	if (sequence % CANCELED_EVERY === 0) return 'Canceled';
	if (sequence % PARTIAL_EVERY === 0 && order.quantity >= 2) return 'Partial';
	return 'Completed';
}

function viewOrder(order: Order, now: number): OrderView {
	return order.subscription ? viewSubscription(order, now) : viewDelivery(order, now);
}

function viewDelivery(order: Order, now: number): OrderView {
	// A canceled order stays frozen as it was at the moment of the cancel.
	const at = order.canceledAt ?? now;
	const age = at - order.createdAt;
	const progress = clamp01((age - PENDING_MS) / deliveryMs(order));
	const finalDelivered =
		order.plannedOutcome === 'Partial'
			? Math.min(order.quantity - 1, Math.max(1, Math.floor(order.quantity * PARTIAL_DELIVERED_SHARE)))
			: order.quantity;

	let delivered: number;
	let runs: number | undefined;
	if (order.dripFeed) {
		const perRun = order.quantity / order.dripFeed.runs;
		runs = progress >= 1 ? order.dripFeed.runs : Math.floor(order.dripFeed.runs * progress);
		delivered = progress >= 1 ? finalDelivered : Math.min(finalDelivered, runs * perRun);
	} else {
		delivered = Math.floor(finalDelivered * progress);
	}

	let status: OrderStatus;
	if (order.canceledAt !== undefined) status = 'Canceled';
	else if (age < PENDING_MS) status = 'Pending';
	else if (order.plannedOutcome === 'Canceled') {
		status = 'Canceled';
		delivered = 0;
		runs = runs === undefined ? undefined : 0;
	} else if (progress < 1) status = 'In progress';
	else status = order.plannedOutcome;

	const remains = order.quantity - delivered;
	const final = status === 'Completed' || status === 'Partial' || status === 'Canceled';
	const refundUnits = final ? Math.round((order.chargeUnits * remains) / order.quantity) : 0;
	return {
		id: order.id,
		kind: order.dripFeed ? 'dripFeed' : 'regular',
		status,
		chargeUnits: order.chargeUnits - refundUnits,
		startCount: status === 'Pending' ? 0 : order.startCount,
		remains,
		runs,
		final,
		refundUnits,
	};
}

function viewSubscription(order: Order, now: number): OrderView {
	const at = order.canceledAt ?? now;
	const age = at - order.createdAt;
	// No new posts are processed once the subscription has ended.
	const postsSeen = Math.floor(Math.min(age, SUBSCRIPTION_MS) / SUBSCRIPTION_POST_EVERY_MS);
	const limit = order.subscription?.postsLimit;
	const posts = limit === undefined ? postsSeen : Math.min(limit, postsSeen);
	let status: OrderStatus = 'Active';
	if (order.canceledAt !== undefined) status = 'Canceled';
	else if (age >= SUBSCRIPTION_MS) status = 'Completed';
	return {
		id: order.id,
		kind: 'subscription',
		status,
		chargeUnits: order.chargeUnits,
		startCount: 0,
		remains: 0,
		posts,
		final: status !== 'Active',
		refundUnits: 0,
	};
}

function deliveryMs(order: Order): number {
	if (!order.dripFeed) return DELIVERY_MS;
	const scheduled = order.dripFeed.runs * order.dripFeed.intervalMinutes * DRIP_MS_PER_MINUTE;
	return Math.min(DRIP_MAX_DELIVERY_MS, Math.max(DRIP_MIN_DELIVERY_MS, scheduled));
}

function refillStatus(refill: Refill, now: number): RefillStatus {
	const age = now - refill.createdAt;
	if (age < REFILL_PENDING_MS) return 'Pending';
	if (age < REFILL_DONE_MS) return 'In progress';
	return refill.id % REJECTED_REFILL_EVERY === 0 ? 'Rejected' : 'Completed';
}

function isFinalRefill(status: RefillStatus): boolean {
	return status === 'Completed' || status === 'Rejected';
}

function clamp01(value: number): number {
	return Math.min(1, Math.max(0, value));
}
