import type { INodeProperties } from 'n8n-workflow';

import { routeToCustomOperation } from '../../shared/routedOperation';
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
		// The action is also the tool description an AI agent reads ("<action> in SMM Panel").
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				action: 'Cancel orders from a list of order ID numbers separated by commas',
				description: 'Ask the panel to cancel orders, 100 IDs per request',
				routing: routeToCustomOperation(cancel.execute),
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create an order for a link with a service ID and quantity',
				description: 'Place an order; its fields depend on the order type',
				routing: routeToCustomOperation(create.execute),
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get the status of one order by its ID',
				description: 'Get the status of one order per input item',
				routing: routeToCustomOperation(get.execute),
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many orders status from a list of order ID numbers separated by commas',
				description: 'Get the status of a list of orders, 100 IDs per request',
				routing: routeToCustomOperation(getMany.execute),
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getMany.description,
	...cancel.description,
];
