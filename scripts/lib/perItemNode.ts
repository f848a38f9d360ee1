import { type IDataObject, type INodeType, NodeConnectionTypes } from 'n8n-workflow';

/**
 * What a hand-built flow does: one request per input item, sent by n8n's declarative engine
 * (n8n-core's RoutingNode, the same request helper and credential), all items at once as the
 * engine does by default, with no retry. `body` may use expressions such as `={{$json.id}}`.
 */
export function perItemRequestNode(body: IDataObject): INodeType {
	return {
		description: {
			displayName: 'Per-Item Request',
			name: 'perItemRequest',
			group: ['transform'],
			version: 1,
			description: 'One panel request per item',
			defaults: { name: 'Per-Item Request' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: 'smmPanelApi', required: true }],
			requestDefaults: {
				method: 'POST',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				body,
			},
			properties: [
				{ displayName: 'Note', name: 'note', type: 'notice', default: '', routing: { request: {} } },
			],
		},
	};
}
