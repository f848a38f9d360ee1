import { definePerIdOperation } from '../../shared/perIdOperation';
import { fetchOrderStatuses } from '../../transport';

/** One item per input item: the order's status, charge, start count and remains. */
export const { description, execute } = definePerIdOperation({
	resource: 'order',
	operation: 'get',
	idParameter: 'orderId',
	transport: fetchOrderStatuses,
});
