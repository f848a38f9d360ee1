import { type INodeProperties, updateDisplayOptions } from 'n8n-workflow';

import { additionalFields, requestOptionFields } from '../../shared/descriptions';

const properties: INodeProperties[] = [
	additionalFields(requestOptionFields(1).filter((field) => field.name !== 'requestsInFlight')),
];

export const description = updateDisplayOptions({ show: { resource: ['account'], operation: ['getBalance'] } }, properties);
