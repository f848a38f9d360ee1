import { definePerIdOperation } from '../../shared/perIdOperation';
import { cancelOrders } from '../../transport';

/** One item per distinct order id: `cancel` true, or the panel's error for that id. */
export const { description, execute } = definePerIdOperation({
	resource: 'order',
	operation: 'cancel',
	idParameter: 'orderIds',
	transport: cancelOrders,
});
