import type { INodeProperties } from 'n8n-workflow';

import { additionalFields, requestOptionFields } from '../shared/descriptions';

const watchesOrders = { event: ['orderFinished', 'orderStatusChanged'] };

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Balance Low',
				value: 'lowBalance',
				description: 'Once when the balance falls below the threshold; again after it was back at or above',
			},
			{
				name: 'Order Finished',
				value: 'orderFinished',
				description: 'Once per watched order, when it is Completed, Partial, Canceled, Refunded or Failed',
			},
			{
				name: 'Order Status Changed',
				value: 'orderStatusChanged',
				description: "Each change of a watched order's status after it was first seen",
			},
			{
				name: 'Refill Finished',
				value: 'refillFinished',
				description: 'Once per watched refill, when it is Completed, Rejected or failed',
			},
			{
				name: 'Services Changed',
				value: 'servicesChanged',
				description: 'Each service added or removed, and each rate change, after the first poll',
			},
		],
		default: 'orderFinished',
	},
	{
		displayName: 'Order IDs',
		name: 'orderIds',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		required: true,
		placeholder: '23501, 23502',
		description:
			'Orders to watch: IDs separated by commas, spaces or new lines, or an expression returning an array. Editing the list keeps what is known of the IDs that stay.',
		displayOptions: { show: watchesOrders },
	},
	{
		displayName: 'Refill IDs',
		name: 'refillIds',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		required: true,
		placeholder: '1234, 1235',
		description: 'Refills to watch: IDs separated by commas, spaces or new lines, or an expression returning an array',
		displayOptions: { show: { event: ['refillFinished'] } },
	},
	{
		displayName: 'Threshold',
		name: 'threshold',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 10,
		required: true,
		description: 'Balance below which the event fires',
		displayOptions: { show: { event: ['lowBalance'] } },
	},
	additionalFields([
		{
			displayName: 'Report Progress',
			name: 'reportProgress',
			type: 'boolean',
			default: false,
			description: 'Whether a change of `remains` while an order is in progress is reported too (Order Status Changed)',
			displayOptions: { show: { '/event': ['orderStatusChanged'] } },
		},
		...requestOptionFields(4),
	]),
];
