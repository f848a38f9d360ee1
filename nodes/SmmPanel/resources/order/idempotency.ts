import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	NodeOperationError,
} from 'n8n-workflow';

import { errorItem } from '../../shared/execution';
import { badInput } from '../../shared/input';
import { type NodeStore, nodeStore } from '../../shared/nodeStore';
import type { OrderRequest } from './buildOrder';

export const idempotencyKeyField: INodeProperties = {
	displayName: 'Idempotency Key',
	name: 'idempotencyKey',
	type: 'string',
	default: '',
	placeholder: '={{ $json.shopOrderId }}',
	description:
		"A value unique to each order, such as the shop's order number. An order whose key this node placed, in this or an earlier execution of its last 1,000 orders, is not sent again: the item fails saying so. Exact within one n8n process. In queue mode (several workers) n8n's store can lose a key two workers write at once: claim the key in Postgres first (see the package's queue-mode example).",
};

/** What happened to an order this run tried to place, for the keys to keep or forget. */
export type Outcome = 'placed' | 'mayHavePlaced' | 'refused';

const FEATURE = 'Idempotency Key';
const MAX_KEY_LENGTH = 200;

/** Items that repeat an earlier item's key in this run (by item index): they get that item's result, not an order. */
export type Repeats = Map<number, { first: number; key: string }>;

/** One item's key, checked; undefined when the item has none. */
export function readIdempotencyKey(context: IExecuteFunctions, itemIndex: number, raw: unknown): string | undefined {
	if (raw === undefined || raw === null) return undefined;
	if (typeof raw === 'object') {
		throw badInput(context, itemIndex, 'idempotencyKey', 'it is not text', 'Use one value per item, e.g. {{ $json.shopOrderId }}.');
	}
	const key = String(raw).trim();
	if (key === '') return undefined;
	if (key.length > MAX_KEY_LENGTH) {
		throw badInput(context, itemIndex, 'idempotencyKey', `it is longer than ${MAX_KEY_LENGTH} characters`);
	}
	return key;
}

/** The first order of each key goes on; later items with the same key wait for its result. */
export function firstOfEachKey(orders: OrderRequest[]): { orders: OrderRequest[]; repeats: Repeats } {
	const firstItemOf = new Map<string, number>();
	const repeats: Repeats = new Map();
	const firsts = orders.filter((order) => {
		const key = order.idempotencyKey;
		if (key === undefined) return true;
		const first = firstItemOf.get(key);
		if (first === undefined) {
			firstItemOf.set(key, order.itemIndex);
			return true;
		}
		repeats.set(order.itemIndex, { first, key });
		return false;
	});
	return { orders: firsts, repeats };
}

/**
 * Keys are taken a few orders at a time, just before those orders are sent, so that a run cut off
 * (n8n stopped, a worker killed) leaves few keys taken but unsent. A key whose order was placed
 * also gets a "placed" mark: a later run can then tell "placed" from "taken by a run that may
 * have placed it".
 */
export function claimChunkSize(inFlight: number): number {
	return Math.max(10, 4 * inFlight);
}

/**
 * How many orders' keys the node remembers: n8n's store drops the oldest entries past this (two
 * entries an order: its key and its placed mark). Every call reads and rewrites the whole row, and
 * a chunk of orders makes one call, so the window sets both the cost of a key and how much the
 * database writes: 1,000 orders is a row of about 54 KB, about 5 MB written per 1,000 orders, and a
 * day at 1,000 orders a day (webhooks sent again, retried executions and re-runs of a cut-off run
 * come within hours). A longer memory belongs in a table of your own (the Postgres claim example).
 */
export const KEY_WINDOW_ORDERS = 1_000;

const keyEntry = (order: OrderRequest) => `order key ${order.idempotencyKey}`;
const placedEntry = (order: OrderRequest) => `order placed ${order.idempotencyKey}`;
const hasKey = (order: OrderRequest) => order.idempotencyKey !== undefined;

export interface KeyLedger {
	/**
	 * The orders in chunks, each chunk's keys taken before it comes out, the next chunk's while
	 * this one is sent. Orders whose key was taken earlier fail their items and are left out.
	 * When the loop ends (or stops), placed keys are marked and keys never sent are forgotten.
	 */
	chunks(orders: OrderRequest[], size: number): AsyncGenerator<OrderRequest[]>;
}

/** `outcomes`: what became of each order sent, filled in by the caller as it sends them. */
export function keyLedger(
	context: IExecuteFunctions,
	output: Array<INodeExecutionData | undefined>,
	outcomes: Map<number, Outcome>,
): KeyLedger {
	let store: NodeStore | undefined;
	// Written with the next claim, or at the end: one write of the row per chunk.
	const marks: string[] = [];
	const toForget: string[] = [];
	const fail = (order: OrderRequest, error: unknown) => {
		output[order.itemIndex] = withKey(errorItem(context, error, order.itemIndex), order.idempotencyKey);
	};
	/** After a chunk was sent (or not): placed keys get marks, refused and unsent keys are forgotten. */
	const settle = (orders: OrderRequest[]) => {
		for (const order of orders.filter(hasKey)) {
			const outcome = outcomes.get(order.itemIndex) ?? 'refused';
			if (outcome === 'placed') marks.push(placedEntry(order));
			if (outcome === 'refused') toForget.push(keyEntry(order));
		}
	};

	const claim = async (orders: OrderRequest[]): Promise<OrderRequest[]> => {
		const keyed = orders.filter(hasKey);
		if (keyed.length === 0) return orders;
		const pendingMarks = marks.splice(0);
		let taken: Set<string>;
		let placed: Set<string>;
		try {
			store ??= nodeStore(context, FEATURE, 2 * KEY_WINDOW_ORDERS);
			taken = (await store.record([...pendingMarks, ...keyed.map(keyEntry)])).new;
			const earlier = keyed.filter((order) => !taken.has(keyEntry(order)));
			placed = await store.probe(earlier.map(placedEntry));
		} catch (error) {
			// Without its key recorded an order could be placed twice: none of the keyed orders is sent.
			marks.push(...pendingMarks);
			keyed.forEach((order) => fail(order, error));
			return orders.filter((order) => !hasKey(order));
		}
		const isOurs = (order: OrderRequest) => !hasKey(order) || taken.has(keyEntry(order));
		let stopped = true;
		try {
			for (const order of orders.filter((order) => !isOurs(order))) {
				fail(order, takenEarlier(context, order, placed.has(placedEntry(order))));
			}
			stopped = false;
		} finally {
			// Without Continue On Fail the first refused key stops the node: none of the keys just taken is used.
			if (stopped) await store.forget(orders.filter((order) => hasKey(order) && isOurs(order)).map(keyEntry));
		}
		return orders.filter(isOurs);
	};

	return {
		async *chunks(orders, size) {
			const parts: OrderRequest[][] = [];
			for (let start = 0; start < orders.length; start += size) parts.push(orders.slice(start, start + size));
			let next = parts.length > 0 ? claim(parts[0]) : undefined;
			let sending: OrderRequest[] | undefined;
			try {
				for (let index = 0; index < parts.length; index++) {
					sending = await next!;
					next = index + 1 < parts.length ? claim(parts[index + 1]) : undefined;
					// Awaited on the next turn, or in `finally`; until then its failure is not unhandled.
					next?.catch(() => undefined);
					yield sending;
					settle(sending);
					sending = undefined;
				}
			} finally {
				if (sending) settle(sending);
				// Claimed ahead but never sent (the run stopped): its keys are forgotten.
				if (next) settle(await next.catch(() => []));
				if (store) {
					await store.record(marks.splice(0));
					await store.forget(toForget.splice(0));
				}
			}
		},
	};
}

function takenEarlier(context: IExecuteFunctions, order: OrderRequest, placed: boolean): NodeOperationError {
	const key = `Idempotency Key "${order.idempotencyKey}"`;
	return new NodeOperationError(
		context.getNode(),
		placed
			? `Not placed: ${key} was already placed by an earlier run of this node (item ${order.itemIndex})`
			: `Not placed: ${key} was taken by an earlier run of this node, which may have placed it: its answer was lost or the run stopped (item ${order.itemIndex})`,
		{
			itemIndex: order.itemIndex,
			description: placed
				? "Look the order up under this key in your records or in the panel's order list. To order again on purpose, use a new key."
				: "Check the panel's order list for this order. If it is not there, place it again with a new key.",
		},
	);
}

/** Items that repeated a key in this run: the first item's order id, or why it has none. */
export function repeatItems(
	context: IExecuteFunctions,
	repeats: Repeats,
	output: Array<INodeExecutionData | undefined>,
): void {
	for (const [itemIndex, { first, key }] of repeats) {
		const placedOrder = output[first]?.json.error === undefined ? output[first]?.json.order : undefined;
		const error = new NodeOperationError(
			context.getNode(),
			placedOrder !== undefined
				? `Not placed: item ${first} has the same Idempotency Key "${key}" and placed order ${String(placedOrder)} (item ${itemIndex})`
				: `Not placed: item ${first} has the same Idempotency Key "${key}" and was not placed (item ${itemIndex})`,
			{ itemIndex, description: 'One key places one order. Give each order its own key.' },
		);
		const item = withKey(errorItem(context, error, itemIndex), key);
		if (placedOrder !== undefined) item.json.order = placedOrder as IDataObject[string];
		output[itemIndex] = item;
	}
}

/** The key on an output item, so a workflow can match it to the shop's order. */
export function withKey(item: INodeExecutionData, key: string | undefined): INodeExecutionData {
	if (key !== undefined) item.json.idempotencyKey = key;
	return item;
}
