import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';

import { readBalance, readServiceList } from './actions';
import { failureItem } from './failureItem';
import { type PanelFailure, toNodeApiError } from './failures';
import { interpretResponse, policyFrom, sendWithRetries } from './request';

/**
 * The declarative operations (service list, balance) are reads: n8n's routing sends them, and
 * this runs each one (as the routing `pagination` hook, the one place n8n lets a node wrap the
 * request) so that it is paced with the execution's other requests, busy or unreachable panels
 * are retried with backoff, and every failure becomes a clean NodeApiError — the error n8n would raise itself carries the request, key
 * included, as its cause.
 */
export async function sendReadWithRetries(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const policy = policyFrom(this.getNodeParameter('additionalFields', {}) as IDataObject);
	requestData.options.timeout = policy.timeoutMs;
	try {
		return await sendWithRetries(this, 'read', policy, async () => ({
			value: await this.makeRoutingRequest(requestData),
			signal: { refused: false },
		}));
	} catch (failure) {
		// As the custom operations do: a stop, an item with the error and what to do, or the agent's answer.
		return [failureItem(this, toNodeApiError(this.getNode(), failure as PanelFailure, { itemIndex: this.getItemIndex() }), this.getItemIndex())];
	}
}

/** postReceive: the service list as one item per service, filtered as the user asked. */
export async function toServiceItems(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const services = readServiceList(interpretResponse(response));
	const filters = this.getNodeParameter('additionalFields', {}) as IDataObject;
	const category = String(filters.category ?? '').trim().toLowerCase();
	const name = String(filters.name ?? '').trim().toLowerCase();
	const orderTypes = (filters.orderTypes as string[] | undefined) ?? [];
	return services
		.filter(
			(service) =>
				(category === '' || String(service.category ?? '').toLowerCase().includes(category)) &&
				(name === '' || String(service.name ?? '').toLowerCase().includes(name)) &&
				(orderTypes.length === 0 || orderTypes.includes(String(service.orderType))),
		)
		.map((service) => ({ json: service, pairedItem: { item: this.getItemIndex() } }));
}

/** postReceive: `{balance, currency}` with the balance as a number. */
export async function toBalanceItem(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	return [{ json: readBalance(interpretResponse(response)), pairedItem: { item: this.getItemIndex() } }];
}
