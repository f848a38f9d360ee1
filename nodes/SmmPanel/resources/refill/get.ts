import { definePerIdOperation } from '../../shared/perIdOperation';
import { fetchRefillStatuses } from '../../transport';

/** One item per input item: the refill's status. */
export const { description, execute } = definePerIdOperation({
	resource: 'refill',
	operation: 'get',
	idParameter: 'refillId',
	transport: fetchRefillStatuses,
});
