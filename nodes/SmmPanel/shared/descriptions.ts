import type { INodeProperties } from 'n8n-workflow';

/** The `additionalFields` collection: every optional parameter of an operation lives here. */
export function additionalFields(options: INodeProperties[], placeholder = 'Add Field'): INodeProperties {
	return { displayName: 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder, default: {}, options };
}

/** Options every operation that calls the panel shares; `inFlight` is the default for "Requests in Flight". */
export function requestOptionFields(inFlight: number): INodeProperties[] {
	return [
		{
			displayName: 'Requests in Flight',
			name: 'requestsInFlight',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 20 },
			default: inFlight,
			description:
				"At most this many requests to the panel at once. Within it, the node paces itself to the panel's rate limit, learnt from its answers.",
		},
		{
			displayName: 'Max Attempts',
			name: 'maxAttempts',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10 },
			default: 4,
			description:
				'How often a read is tried in all when the panel is busy, down or unreachable (with growing pauses). Orders, refills and cancels are sent again only when the panel refused them with HTTP 429.',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 600 },
			default: 30,
			description: 'How long to wait for the panel to answer one request',
		},
	];
}

export type IdParameter = 'orderId' | 'refillId' | 'orderIds' | 'refillIds';

const ID_FIELDS: Record<IdParameter, INodeProperties> = {
	orderId: {
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '23501',
		description: 'The order to look up. Many input items are checked together, 100 IDs per request.',
	},
	refillId: {
		displayName: 'Refill ID',
		name: 'refillId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '1234',
		description: 'The refill to look up. Many input items are checked together, 100 IDs per request.',
	},
	orderIds: idList('orderIds', 'Order IDs'),
	refillIds: idList('refillIds', 'Refill IDs'),
};

/** `orderIds` / `refillIds`: ids separated by commas, spaces or new lines, or an array from an expression. */
function idList(name: 'orderIds' | 'refillIds', displayName: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		required: true,
		placeholder: '23501, 23502, 23503',
		description:
			'IDs separated by commas, spaces or new lines, or an array from an expression. Any number: they are sent 100 per request, gathered across all input items.',
	};
}

/** The fields of an operation that takes ids: the id parameter, then its options and the request options. */
export function idOperationFields(idParameter: IdParameter, options: INodeProperties[] = []): INodeProperties[] {
	return [ID_FIELDS[idParameter], additionalFields([...options, ...requestOptionFields(4)])];
}
