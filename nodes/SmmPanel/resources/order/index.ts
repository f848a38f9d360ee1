import type { INodeProperties } from 'n8n-workflow';

import * as cancel from './cancel';
import * as create from './create';
import * as get from './get';
import * as getMany from './getMany';

export const orderOperations = { create: create.execute, get: get.execute, getMany: getMany.execute, cancel: cancel.execute };

export const orderDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{ name: 'Cancel', value: 'cancel', action: 'Cancel orders', description: 'Ask the panel to cancel orders, 100 IDs per request' },
			{ name: 'Create', value: 'create', action: 'Create an order', description: 'Place an order; its fields depend on the order type' },
			{ name: 'Get', value: 'get', action: 'Get an order', description: 'Get the status of one order per input item' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many orders', description: 'Get the status of a list of orders, 100 IDs per request' },
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getMany.description,
	...cancel.description,
];
