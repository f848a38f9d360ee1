import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { badInput, expiryProblem, isHttpUrl, toLines, wholeNumber } from '../../shared/input';
import { readIdempotencyKey } from './idempotency';
import {
	FORM_FIELD_NAMES,
	MULTI_LINE_FIELDS,
	type OptionalOrderFieldName,
	type OrderFieldName,
	type OrderType,
	SUBSCRIPTION_DELAYS,
	findOrderType,
} from './orderTypes';

/** One item's order, checked and ready to send: exactly the fields of its type. */
export interface OrderRequest {
	itemIndex: number;
	serviceId: string;
	orderType: OrderType;
	form: IDataObject;
	/** What the charge scales with: the quantity, or the number of lines for list types. */
	units?: number;
	/** Link (or username for subscriptions), for the duplicate guard. */
	target: string;
	/** The shop's key for this order: placed once across executions. */
	idempotencyKey?: string;
}

const WHOLE_NUMBER_FIELDS: Array<OrderFieldName | OptionalOrderFieldName> = [
	'quantity',
	'answerNumber',
	'min',
	'max',
	'runs',
	'interval',
	'posts',
	'oldPosts',
];

/** Reads and checks one item's order; throws a NodeOperationError naming the field and the item. */
export function buildOrder(context: IExecuteFunctions, itemIndex: number): OrderRequest {
	const serviceId = String(context.getNodeParameter('service', itemIndex, '', { extractValue: true }) ?? '').trim();
	if (!/^[A-Za-z0-9_-]{1,64}$/.test(serviceId)) {
		throw badInput(context, itemIndex, 'service', serviceId === '' ? 'no service chosen' : `"${serviceId}" is not a service id`, 'Pick a service from the list or type its id.');
	}
	const orderTypeValue = context.getNodeParameter('orderType', itemIndex) as string;
	const orderType = findOrderType(orderTypeValue);
	if (!orderType) throw badInput(context, itemIndex, 'orderType', `"${orderTypeValue}" is not an order type`);

	const form: IDataObject = { service: serviceId };
	for (const field of orderType.fields) {
		form[FORM_FIELD_NAMES[field]] = readField(context, itemIndex, field, context.getNodeParameter(field, itemIndex, ''));
	}
	const additional = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	for (const field of orderType.optional) {
		const value = additional[field];
		if (value === undefined || value === '' || value === null) continue;
		form[FORM_FIELD_NAMES[field]] = readField(context, itemIndex, field, value);
	}
	if (orderType.value === 'subscriptions' && Number(form.min) > Number(form.max)) {
		throw badInput(context, itemIndex, 'min', `min (${form.min}) is larger than max (${form.max})`);
	}

	const list = form.comments ?? form.usernames;
	const lines = typeof list === 'string' ? list.split('\n').length : undefined;
	return {
		itemIndex,
		serviceId,
		orderType,
		form,
		units: form.quantity !== undefined ? Number(form.quantity) : lines,
		target: String(form.link ?? form.username ?? ''),
		idempotencyKey: readIdempotencyKey(context, itemIndex, additional.idempotencyKey),
	};
}

function readField(
	context: IExecuteFunctions,
	itemIndex: number,
	field: OrderFieldName | OptionalOrderFieldName,
	value: unknown,
): string | number {
	if ((MULTI_LINE_FIELDS as string[]).includes(field)) {
		const lines = toLines(value);
		if (lines.length === 0) throw badInput(context, itemIndex, field, 'the list is empty', 'Enter one entry per line, or an array from an expression.');
		return lines.join('\n');
	}
	if (WHOLE_NUMBER_FIELDS.includes(field)) {
		const number = wholeNumber(value);
		if (number === undefined) {
			throw badInput(context, itemIndex, field, `${JSON.stringify(value ?? '')} is not a whole number of 1 or more`);
		}
		return number;
	}
	const text = String(value ?? '').trim();
	if (field === 'delay') {
		if (!SUBSCRIPTION_DELAYS.includes(Number(value)) || text === '') {
			throw badInput(context, itemIndex, field, `${JSON.stringify(value)} is not an allowed delay`, `Allowed: ${SUBSCRIPTION_DELAYS.join(', ')} minutes.`);
		}
		return Number(value);
	}
	if (text === '') throw badInput(context, itemIndex, field, 'it is empty');
	if ((field === 'link' || field === 'referringUrl') && !isHttpUrl(text)) {
		throw badInput(context, itemIndex, field, `"${text.slice(0, 80)}" is not a URL`, 'Use the full address, starting with https://');
	}
	if (field === 'expiry') {
		const problem = expiryProblem(text);
		if (problem) throw badInput(context, itemIndex, field, problem);
	}
	if (field === 'device' || field === 'typeOfTraffic') {
		const number = wholeNumber(value);
		if (number === undefined || number > (field === 'device' ? 5 : 3)) throw badInput(context, itemIndex, field, `${JSON.stringify(value)} is not one of the options`);
		return number;
	}
	return text;
}
