import { definePerIdOperation } from '../../shared/perIdOperation';
import { fetchRefillStatuses } from '../../transport';

/** One item per distinct refill id, with its status or the panel's error for that id. */
export const { description, execute } = definePerIdOperation({
	resource: 'refill',
	operation: 'getMany',
	idParameter: 'refillIds',
	reports: true,
	transport: fetchRefillStatuses,
});
