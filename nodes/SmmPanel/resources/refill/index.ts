import type { INodeProperties } from 'n8n-workflow';

import { routeToCustomOperation } from '../../shared/routedOperation';
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
		// The action is also the tool description an AI agent reads ("<action> in SMM Panel").
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create refills for a list of order ID numbers separated by commas',
				description: 'Ask for a refill of orders that dropped, 100 IDs per request',
				routing: routeToCustomOperation(create.execute),
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get the status of one refill by its ID',
				description: 'Get the status of one refill per input item',
				routing: routeToCustomOperation(get.execute),
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many refills status from a list of refill ID numbers separated by commas',
				description: 'Get the status of a list of refills, 100 IDs per request',
				routing: routeToCustomOperation(getMany.execute),
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getMany.description,
];
