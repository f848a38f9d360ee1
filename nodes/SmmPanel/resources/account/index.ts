import type { INodeProperties } from 'n8n-workflow';

import { sendReadWithRetries, toBalanceItem } from '../../transport';
import * as getBalance from './getBalance';

export const accountDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{
				name: 'Get Balance',
				value: 'getBalance',
				action: 'Get the account balance and its currency',
				description: 'Read the balance and its currency',
				routing: {
					request: { method: 'POST', body: { action: 'balance' } },
					send: { paginate: true },
					operations: { pagination: sendReadWithRetries },
					output: { postReceive: [toBalanceItem] },
				},
			},
		],
		default: 'getBalance',
	},
	...getBalance.description,
];
