/** The one place that talks to panels: requests, dialects, parsing, output shaping and errors. */
export { fetchBalance, fetchServices, placeOrder } from './actions';
export { mapWithConcurrency } from './batching';
export { testPanelCredential } from './credentialTest';
export { PanelFailure, toNodeApiError, withErrorOutput } from './failures';
export { inDoubtAdvice } from './inDoubt';
export { FINAL_ORDER_STATUSES, FINAL_REFILL_STATUSES } from './normalize';
export {
	type BulkOptions,
	type PerIdResults,
	cancelOrders,
	createRefills,
	fetchOrderStatuses,
	fetchRefillStatuses,
} from './perIdActions';
export { type OrderGate, type VerdictStore, orderGateFor } from './overlappingOrders';
export { type RequestPolicy, policyFrom } from './request';
export { startSession } from './session';
export { sendReadWithRetries, toBalanceItem, toServiceItems } from './routing';
