import { type IDataObject, type IExecuteFunctions, NodeOperationError } from 'n8n-workflow';

import type { OrderRequest } from './buildOrder';
import { estimatedCharge, roundMoney } from './estimate';

/** What Order → Create does with an order it will not place: an error item, or a stop. */
type Reject = (order: OrderRequest, error: unknown) => void;

/**
 * The duplicate guard: two items with the same service, link and quantity in one run are
 * placed once; the second is rejected, naming the first.
 */
export function withoutDuplicates(
	context: IExecuteFunctions,
	orders: OrderRequest[],
	reject: Reject,
): OrderRequest[] {
	const firstItemFor = new Map<string, number>();
	return orders.filter((order) => {
		const key = JSON.stringify([order.serviceId, order.target, order.form.quantity ?? null]);
		const first = firstItemFor.get(key);
		if (first === undefined) {
			firstItemFor.set(key, order.itemIndex);
			return true;
		}
		reject(
			order,
			new NodeOperationError(
				context.getNode(),
				`Duplicate of item ${first}: same service, link and quantity, so it was not placed (item ${order.itemIndex})`,
				{
					itemIndex: order.itemIndex,
					description: 'Turn on "Allow Duplicates" under Additional Fields to place both.',
				},
			),
		);
		return false;
	});
}

/** Stay Within Balance: orders in input order while their estimated total fits the balance. */
export function withinBalance(
	context: IExecuteFunctions,
	orders: OrderRequest[],
	services: Map<string, IDataObject>,
	balance: number,
	reject: Reject,
): OrderRequest[] {
	let total = 0;
	return orders.filter((order) => {
		const cost = estimatedCharge(order, services.get(order.serviceId) ?? {});
		if (total + cost > balance) {
			reject(
				order,
				new NodeOperationError(
					context.getNode(),
					`Not placed: its estimated charge of ${cost} would bring the total to ${roundMoney(total + cost)}, over the balance of ${balance} (item ${order.itemIndex})`,
					{ itemIndex: order.itemIndex, description: 'Top up the balance, or turn off "Stay Within Balance".' },
				),
			);
			return false;
		}
		total += cost;
		return true;
	});
}
