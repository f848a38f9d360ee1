import { buildOrder } from './addOrder';
import { type Answer, errorAnswer, jsonAnswer, rawJsonAnswer } from './answers';
import { CATALOG, findService } from './catalog';
import type { Dialect } from './dialects';
import type { Fields } from './forms';
import { type OrderBook, parseId } from './orders';
import type { DemoPanelStats } from './types';

/** The API v2 actions, answered in the shapes of the current dialect. */

export interface ActionContext {
	book: OrderBook;
	dialect: Dialect;
	/** Simulated time of this request. */
	now: number;
	stats: DemoPanelStats;
	/** An `add` whose balance write will change nothing: the order is taken but not charged. */
	lostRace?: boolean;
}

type ActionHandler = (fields: Fields, context: ActionContext) => Answer;

const MAX_IDS_PER_REQUEST = 100;
const INCORRECT_REQUEST = 'Incorrect request';

const ACTIONS: Record<string, ActionHandler> = {
	services: (_fields, { dialect }) => rawJsonAnswer(dialect.renderServices(CATALOG)),
	balance: (_fields, { dialect, book, now }) => rawJsonAnswer(dialect.renderBalance(book.balance(now))),
	add: addOrder,
	status: orderStatus,
	refill: createRefill,
	refill_status: refillStatus,
	cancel: cancelOrders,
};

export function runAction(action: string, fields: Fields, context: ActionContext): Answer {
	const handler = Object.prototype.hasOwnProperty.call(ACTIONS, action) ? ACTIONS[action] : undefined;
	return handler ? handler(fields, context) : errorAnswer(INCORRECT_REQUEST);
}

function addOrder(fields: Fields, { book, now, stats, lostRace }: ActionContext): Answer {
	const service = findService(fields.service);
	if (!service) return errorAnswer('Incorrect service ID');
	const newOrder = buildOrder(service, fields);
	if ('error' in newOrder) return errorAnswer(newOrder.error);
	const placed = book.place(newOrder, now, lostRace !== true);
	if ('error' in placed) return errorAnswer(placed.error);

	stats.ordersPlaced += 1;
	const target = newOrder.link ?? newOrder.username;
	if (target !== undefined) stats.addsByLink[target] = (stats.addsByLink[target] ?? 0) + 1;
	return jsonAnswer({ order: placed.ok });
}

function orderStatus(fields: Fields, { book, dialect, now }: ActionContext): Answer {
	if (fields.orders !== undefined) {
		const ids = idList(fields.orders);
		if (ids.length === 0) return errorAnswer(INCORRECT_REQUEST);
		if (ids.length > MAX_IDS_PER_REQUEST) return errorAnswer('Too many orders');
		const answer: Record<string, unknown> = {};
		for (const id of ids) {
			const view = book.view(id, now);
			answer[id] = view ? dialect.renderOrderStatus(view) : dialect.unknownOrderInList;
		}
		return jsonAnswer(answer);
	}
	if (fields.order === undefined) return errorAnswer(INCORRECT_REQUEST);
	const view = book.view(fields.order, now);
	return view ? jsonAnswer(dialect.renderOrderStatus(view)) : errorAnswer('Incorrect order ID');
}

function createRefill(fields: Fields, { book, dialect, now }: ActionContext): Answer {
	if (fields.orders !== undefined && !dialect.singleIdOnly) {
		const ids = idList(fields.orders);
		if (ids.length === 0) return errorAnswer(INCORRECT_REQUEST);
		if (ids.length > MAX_IDS_PER_REQUEST) return errorAnswer('Too many orders');
		return jsonAnswer(
			ids.map((id) => {
				const refill = book.requestRefill(id, now);
				return { order: echoId(id), refill: 'ok' in refill ? refill.ok : { error: refill.error } };
			}),
		);
	}
	if (fields.order === undefined) return errorAnswer(INCORRECT_REQUEST);
	const refill = book.requestRefill(fields.order, now);
	return 'ok' in refill ? rawJsonAnswer(dialect.renderRefillPlaced(refill.ok)) : errorAnswer(refill.error);
}

function refillStatus(fields: Fields, { book, dialect, now }: ActionContext): Answer {
	if (fields.refills !== undefined && !dialect.singleIdOnly) {
		const ids = idList(fields.refills);
		if (ids.length === 0) return errorAnswer(INCORRECT_REQUEST);
		if (ids.length > MAX_IDS_PER_REQUEST) return errorAnswer('Too many refills');
		return jsonAnswer(
			ids.map((id) => ({ refill: echoId(id), status: book.refillStatus(id, now) ?? { error: 'Refill not found' } })),
		);
	}
	if (fields.refill === undefined) return errorAnswer(INCORRECT_REQUEST);
	const status = book.refillStatus(fields.refill, now);
	return status ? jsonAnswer({ status }) : errorAnswer('Refill not found');
}

function cancelOrders(fields: Fields, { book, dialect, now }: ActionContext): Answer {
	if (dialect.singleIdOnly) {
		// These panels read only `order` and answer with a message.
		if (fields.order === undefined) return errorAnswer(INCORRECT_REQUEST);
		const canceled = book.cancel(fields.order, now);
		return 'ok' in canceled
			? rawJsonAnswer(dialect.singleIdOnly.renderCancelPlaced())
			: errorAnswer(canceled.error);
	}
	// The standard cancel takes only the `orders` list.
	if (fields.orders === undefined) return errorAnswer(INCORRECT_REQUEST);
	const ids = idList(fields.orders);
	if (ids.length === 0) return errorAnswer(INCORRECT_REQUEST);
	if (ids.length > MAX_IDS_PER_REQUEST) return errorAnswer('Too many orders');
	return jsonAnswer(
		ids.map((id) => {
			const canceled = book.cancel(id, now);
			return { order: echoId(id), cancel: 'ok' in canceled ? 1 : { error: canceled.error } };
		}),
	);
}

function idList(raw: string): string[] {
	return raw
		.split(',')
		.map((id) => id.trim())
		.filter((id) => id !== '');
}

/** Ids go back as numbers, as in the docs' list answers, unless the client sent something else. */
function echoId(id: string): number | string {
	return parseId(id) ?? id;
}
