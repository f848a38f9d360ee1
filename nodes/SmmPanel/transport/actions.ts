import type { IDataObject } from 'n8n-workflow';

import { PanelFailure } from './failures';
import { isObject, normalizeFields, orderTypeOf } from './normalize';
import { DEFAULT_POLICY, type PanelContext, type RequestPolicy, panelRequest } from './request';

/** Drops the `"status": "success"` some panels add beside the data. */
function withoutStatus(answer: IDataObject): IDataObject {
	const data = { ...answer };
	delete data.status;
	return data;
}

/** The service list, numbers typed, flags as booleans, plus the node's `orderType` for each. */
export function readServiceList(answer: unknown): IDataObject[] {
	if (!Array.isArray(answer)) {
		throw new PanelFailure('notJson', 'The panel\'s service list is not a list');
	}
	return answer.filter(isObject).map((service) => ({
		...normalizeFields(service),
		orderType: orderTypeOf(service.type),
	}));
}

/** `{balance, currency}`, the balance a number. */
export function readBalance(answer: unknown): IDataObject {
	if (!isObject(answer) || answer.balance === undefined) {
		throw new PanelFailure('notJson', 'The panel\'s answer has no balance');
	}
	return normalizeFields(withoutStatus(answer));
}

export async function fetchServices(this: PanelContext, policy: RequestPolicy = DEFAULT_POLICY): Promise<IDataObject[]> {
	return readServiceList(await panelRequest.call(this, 'services', {}, policy));
}

export async function fetchBalance(this: PanelContext, policy: RequestPolicy = DEFAULT_POLICY): Promise<IDataObject> {
	return readBalance(await panelRequest.call(this, 'balance', {}, policy));
}

/**
 * Places one order. Some panels (seed 002) name the link `url`; sending both names lets every
 * panel find it without a setting, as panels ignore fields they do not know.
 */
export async function placeOrder(
	this: PanelContext,
	fields: IDataObject,
	policy: RequestPolicy = DEFAULT_POLICY,
): Promise<IDataObject> {
	const form = fields.link !== undefined ? { ...fields, url: fields.link } : fields;
	const answer = await panelRequest.call(this, 'add', form, policy);
	if (!isObject(answer) || answer.order === undefined || answer.order === null || answer.order === '') {
		throw new PanelFailure('notJson', 'The panel\'s answer has no order id');
	}
	return withoutStatus(answer);
}
