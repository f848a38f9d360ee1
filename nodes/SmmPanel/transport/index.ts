/** The one place that talks to panels: requests, dialects, parsing, output shaping and errors. */
export { fetchBalance, fetchServices, placeOrder } from './actions';
export { MAX_IDS_PER_REQUEST, chunk, mapWithConcurrency } from './batching';
export { PanelFailure, toNodeApiError } from './failures';
export { FINAL_ORDER_STATUSES, FINAL_REFILL_STATUSES, normalizeFields, normalizeStatus } from './normalize';
export {
	type BulkOptions,
	type PerIdResults,
	cancelOrders,
	createRefills,
	fetchOrderStatuses,
	fetchRefillStatuses,
	typedId,
} from './perIdActions';
export {
	DEFAULT_POLICY,
	type PanelContext,
	type RequestPolicy,
	interpretResponse,
	networkFailure,
	panelRequest,
	policyFrom,
} from './request';
export { sendReadWithRetries, toBalanceItem, toServiceItems } from './routing';
