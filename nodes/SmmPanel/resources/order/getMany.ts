import { definePerIdOperation } from '../../shared/perIdOperation';
import { fetchOrderStatuses } from '../../transport';

/** One item per distinct order id, with its status or the panel's error for that id. */
export const { description, execute } = definePerIdOperation({
	resource: 'order',
	operation: 'getMany',
	idParameter: 'orderIds',
	reports: true,
	transport: fetchOrderStatuses,
});
