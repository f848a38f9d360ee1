import { type INodeProperties, updateDisplayOptions } from 'n8n-workflow';

import { additionalFields, requestOptionFields } from '../../shared/descriptions';
import { ORDER_TYPES } from '../order/orderTypes';

const properties: INodeProperties[] = [
	additionalFields(
		[
			{
				displayName: 'Category Contains',
				name: 'category',
				type: 'string',
				default: '',
				placeholder: 'Instagram',
				description: 'Only services whose category contains this text (any case)',
			},
			{
				displayName: 'Name Contains',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'Followers',
				description: 'Only services whose name contains this text (any case)',
			},
			{
				displayName: 'Order Types',
				name: 'orderTypes',
				type: 'multiOptions',
				options: ORDER_TYPES.map((type) => ({ name: type.name, value: type.value })),
				default: [],
				description: 'Only services of these types',
			},
			...requestOptionFields(1).filter((field) => field.name !== 'requestsInFlight'),
		],
		'Add Filter',
	),
];

export const description = updateDisplayOptions({ show: { resource: ['service'], operation: ['getAll'] } }, properties);
