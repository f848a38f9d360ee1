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

export interface Claim {
	/** The orders to send: their keys are now recorded. */
	orders: OrderRequest[];
	/** Forgets the keys of orders that were refused or never sent, so a corrected run can place them. */
	release(outcomes: Map<number, Outcome>): Promise<void>;
}

/**
 * Records the keys before anything is sent. A key recorded by an earlier run fails its item
 * (or, with Continue On Fail, becomes an error item carrying the key).
 */
export async function claimKeys(
	context: IExecuteFunctions,
	orders: OrderRequest[],
	output: Array<INodeExecutionData | undefined>,
): Promise<Claim> {
	const entryOfOrder = (order: OrderRequest) => `order key ${order.idempotencyKey}`;
	const keyed = orders.filter((order) => order.idempotencyKey !== undefined);
	if (keyed.length === 0) return { orders, release: async () => {} };
	let store: NodeStore;
	let claimed: Set<string>;
	try {
		store = nodeStore(context, FEATURE);
		claimed = (await store.claim(keyed.map(entryOfOrder))).new;
	} catch (error) {
		// Without its key recorded an order could be placed twice: none of the keyed orders is sent.
		keyed.forEach((order) => (output[order.itemIndex] = withKey(errorItem(context, error, order.itemIndex), order.idempotencyKey)));
		return { orders: orders.filter((order) => order.idempotencyKey === undefined), release: async () => {} };
	}
	const isOurs = (order: OrderRequest) => order.idempotencyKey === undefined || claimed.has(entryOfOrder(order));
	const release = async (outcomes: Map<number, Outcome>) => {
		const unplaced = keyed.filter((order) => isOurs(order) && (outcomes.get(order.itemIndex) ?? 'refused') === 'refused');
		await store.forget(unplaced.map(entryOfOrder));
	};
	let stopped = true;
	try {
		for (const order of orders.filter((order) => !isOurs(order))) {
			output[order.itemIndex] = withKey(errorItem(context, placedEarlier(context, order), order.itemIndex), order.idempotencyKey);
		}
		stopped = false;
	} finally {
		// Without Continue On Fail the first refused key stops the node: none of the keys just taken is used.
		if (stopped) await release(new Map());
	}
	return { orders: orders.filter(isOurs), release };
}

function placedEarlier(context: IExecuteFunctions, order: OrderRequest): NodeOperationError {
	return new NodeOperationError(
		context.getNode(),
		`Not placed: Idempotency Key "${order.idempotencyKey}" was already placed by an earlier run of this node (item ${order.itemIndex})`,
		{
			itemIndex: order.itemIndex,
			description:
				"That order was placed before, or may have been if its answer was lost: look it up under this key in your records or in the panel's order list. To order again on purpose, use a new key.",
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
