import type { INodeProperties } from 'n8n-workflow';

import { sendReadWithRetries, toServiceItems } from '../../transport';
import * as getAll from './getAll';

export const serviceDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['service'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many services to find a service ID with its type and rate per 1000 and quantity limits',
				description: 'List the panel\'s services with their type, rate per 1000 and limits',
				routing: {
					request: { method: 'POST', body: { action: 'services' } },
					send: { paginate: true },
					operations: { pagination: sendReadWithRetries },
					output: { postReceive: [toServiceItems] },
				},
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
