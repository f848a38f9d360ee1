import type { INodeProperties } from 'n8n-workflow';

import * as create from './create';
import * as get from './get';
import * as getMany from './getMany';

export const refillOperations = { create: create.execute, get: get.execute, getMany: getMany.execute };

export const refillDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['refill'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create refills', description: 'Ask for a refill of orders that dropped, 100 IDs per request' },
			{ name: 'Get', value: 'get', action: 'Get a refill', description: 'Get the status of one refill per input item' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many refills', description: 'Get the status of a list of refills, 100 IDs per request' },
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getMany.description,
];
