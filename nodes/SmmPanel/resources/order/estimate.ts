import type { IDataObject } from 'n8n-workflow';

import type { OrderRequest } from './buildOrder';
import { findOrderType } from './orderTypes';

const PRICED_PER_PACKAGE = ['package', 'customCommentsPackage'];

/** The estimated charge: rate per 1000 × quantity (or lines), or the package price. */
export function estimatedCharge(order: OrderRequest, service: IDataObject): number {
	const rate = Number(service.rate ?? 0);
	if (PRICED_PER_PACKAGE.includes(order.orderType.value) || order.units === undefined) return roundMoney(rate);
	return roundMoney((rate * order.units) / 1000);
}

export function roundMoney(value: number): number {
	return Math.round(value * 100_000) / 100_000;
}

/** Why the panel would refuse this order for this service, naming the field to change. */
export interface ServiceProblem {
	field: string;
	problem: string;
}

/** Why the panel would refuse this order for this service, or `undefined` when it fits. */
export function serviceProblem(order: OrderRequest, service: IDataObject | undefined): ServiceProblem | undefined {
	if (!service) return { field: 'service', problem: `the panel has no service ${order.serviceId}` };
	const serviceType = String(service.orderType ?? 'default');
	if (findOrderType(serviceType) && serviceType !== order.orderType.value) {
		return { field: 'orderType', problem: `service ${order.serviceId} is of type "${String(service.type)}", not "${order.orderType.name}"` };
	}
	// The quantity, or for list types (comments, usernames) the number of lines.
	const quantity = order.orderType.value === 'package' ? undefined : order.units;
	if (quantity !== undefined) {
		const byLines = order.form.quantity === undefined;
		const field = byLines ? (order.form.comments !== undefined ? 'comments' : 'usernames') : 'quantity';
		const what = byLines ? `${quantity} lines` : `quantity ${quantity}`;
		const min = Number(service.min);
		const max = Number(service.max);
		if (Number.isFinite(min) && quantity < min) return { field, problem: `${what} is below the service's minimum of ${min}` };
		if (Number.isFinite(max) && max > 0 && quantity > max) return { field, problem: `${what} is above the service's maximum of ${max}` };
	}
	return undefined;
}

export function estimateFields(order: OrderRequest, service: IDataObject | undefined): IDataObject {
	const problem = serviceProblem(order, service);
	const estimate: IDataObject = {
		service: order.serviceId,
		orderType: order.orderType.value,
		...order.form,
		serviceName: service?.name,
		type: service?.type,
		min: service?.min,
		max: service?.max,
		rate: service?.rate,
		estimatedCharge: service ? estimatedCharge(order, service) : undefined,
		fits: problem === undefined,
	};
	if (problem) estimate.problem = problem.problem;
	return estimate;
}
