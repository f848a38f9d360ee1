import { definePerIdOperation } from '../../shared/perIdOperation';
import { createRefills } from '../../transport';

/** One item per distinct order id: the new `refill` id where the panel gives one, or its error. */
export const { description, execute } = definePerIdOperation({
	resource: 'refill',
	operation: 'create',
	idParameter: 'orderIds',
	transport: createRefills,
});
