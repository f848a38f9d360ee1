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
		"A value unique to each order, such as the shop's order number. An order whose key this node already placed, in this or an earlier execution, is not sent again: the item fails saying so. Keys live in n8n's database.",
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
 * (a queue-mode worker killed, n8n stopped) leaves at most one chunk of keys taken but unsent.
 * A key whose order was placed also gets a "placed" mark: a later run can then tell "placed" from
 * "taken by a run that may have placed it".
 */
export function claimChunkSize(inFlight: number): number {
	return Math.max(10, 4 * inFlight);
}

const keyEntry = (order: OrderRequest) => `order key ${order.idempotencyKey}`;
const placedEntry = (order: OrderRequest) => `order placed ${order.idempotencyKey}`;

export interface KeyLedger {
	/** Takes the keys of these orders; returns the orders to send. Keys taken earlier fail their items. */
	claim(orders: OrderRequest[]): Promise<OrderRequest[]>;
	/** After sending: marks the placed keys, forgets those of orders refused or never sent. */
	settle(orders: OrderRequest[], outcomes: Map<number, Outcome>): Promise<void>;
}

export function keyLedger(context: IExecuteFunctions, output: Array<INodeExecutionData | undefined>): KeyLedger {
	let store: NodeStore | undefined;
	const fail = (order: OrderRequest, error: unknown) => {
		output[order.itemIndex] = withKey(errorItem(context, error, order.itemIndex), order.idempotencyKey);
	};
	const forgetUnsent = async (orders: OrderRequest[], outcomes: Map<number, Outcome>) =>
		await store?.forget(
			orders
				.filter((order) => order.idempotencyKey !== undefined && (outcomes.get(order.itemIndex) ?? 'refused') === 'refused')
				.map(keyEntry),
		);

	return {
		claim: async (orders) => {
			const keyed = orders.filter((order) => order.idempotencyKey !== undefined);
			if (keyed.length === 0) return orders;
			let taken: Set<string>;
			let placed: Set<string>;
			try {
				store ??= nodeStore(context, FEATURE);
				taken = (await store.claim(keyed.map(keyEntry))).new;
				const earlier = keyed.filter((order) => !taken.has(keyEntry(order)));
				const marks = await store.record(earlier.map(placedEntry));
				await store.forget([...marks.new]);
				placed = marks.seen;
			} catch (error) {
				// Without its key recorded an order could be placed twice: none of the keyed orders is sent.
				keyed.forEach((order) => fail(order, error));
				return orders.filter((order) => order.idempotencyKey === undefined);
			}
			const isOurs = (order: OrderRequest) => order.idempotencyKey === undefined || taken.has(keyEntry(order));
			let stopped = true;
			try {
				for (const order of orders.filter((order) => !isOurs(order))) {
					fail(order, takenEarlier(context, order, placed.has(placedEntry(order))));
				}
				stopped = false;
			} finally {
				// Without Continue On Fail the first refused key stops the node: none of the keys just taken is used.
				if (stopped) await forgetUnsent(orders.filter(isOurs), new Map());
			}
			return orders.filter(isOurs);
		},
		settle: async (orders, outcomes) => {
			const keyed = orders.filter((order) => order.idempotencyKey !== undefined);
			if (keyed.length === 0 || !store) return;
			await store.record(keyed.filter((order) => outcomes.get(order.itemIndex) === 'placed').map(placedEntry));
			await forgetUnsent(keyed, outcomes);
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
