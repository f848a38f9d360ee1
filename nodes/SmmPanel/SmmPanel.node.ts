import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { searchServices } from './listSearch/searchServices';
import { accountDescription } from './resources/account';
import { orderDescription, orderOperations } from './resources/order';
import { refillDescription, refillOperations } from './resources/refill';
import { serviceDescription } from './resources/service';
import { MAIN_CONNECTION, USABLE_AS_TOOL } from './shared/n8nSupport';
import { testPanelCredential } from './transport';

/**
 * Declarative where n8n's routing does the job (service list, balance); the operations that
 * gather ids across all input items, or pace and guard orders, are custom operations.
 */
export class SmmPanel implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SMM Panel',
		name: 'smmPanel',
		icon: { light: 'file:smmPanel.svg', dark: 'file:smmPanel.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Order, track, refill and cancel on any SMM panel with an API v2',
		defaults: { name: 'SMM Panel' },
		usableAsTool: USABLE_AS_TOOL,
		inputs: [MAIN_CONNECTION],
		outputs: [MAIN_CONNECTION],
		credentials: [{ name: 'smmPanelApi', required: true, testedBy: 'smmPanelApiTest' }],
		requestDefaults: {
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			ignoreHttpStatusErrors: true,
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account', value: 'account' },
					{ name: 'Order', value: 'order' },
					{ name: 'Refill', value: 'refill' },
					{ name: 'Service', value: 'service' },
				],
				default: 'order',
			},
			...orderDescription,
			...refillDescription,
			...serviceDescription,
			...accountDescription,
		],
	};

	methods = { listSearch: { searchServices }, credentialTest: { smmPanelApiTest: testPanelCredential } };

	customOperations = { order: orderOperations, refill: refillOperations };
}
