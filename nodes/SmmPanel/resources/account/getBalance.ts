import { type INodeProperties, updateDisplayOptions } from 'n8n-workflow';

import { requestOptionFields } from '../../shared/descriptions';

const properties: INodeProperties[] = [
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: requestOptionFields(1).filter((field) => field.name !== 'requestsInFlight'),
	},
];

export const description = updateDisplayOptions({ show: { resource: ['account'], operation: ['getBalance'] } }, properties);
