import type { ICredentialType, INodeExecutionData, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes, Workflow, createRunExecutionData } from 'n8n-workflow';
import { ExecuteContext, ExecutionLifecycleHooks, RoutingNode } from 'n8n-core';

import { type PanelCredentials, additionalDataFor, nodeTypesOf } from './workflow';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/**
 * What n8n's "Test" button does for a credential with a `test` request: sends it through
 * n8n-core's RoutingNode on a temporary node, then applies the test's rules in order.
 */
export async function testCredential(credentialType: ICredentialType, credentials: PanelCredentials): Promise<CredentialTestResult> {
	const test = credentialType.test!;
	const tempType: INodeType = {
		description: {
			displayName: 'Temp',
			name: 'temp',
			group: ['transform'],
			version: 1,
			description: 'Credential test',
			defaults: { name: 'Temp-Node' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: credentialType.name, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: test.request }, default: '' }],
		},
	};
	const node = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'temp',
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: {},
		credentials: { [credentialType.name]: { id: '1', name: 'test' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: nodeTypesOf({ temp: tempType }) });
	const hooks = new ExecutionLifecycleHooks('internal', 'test', { id: 'test', nodes: [], connections: {} } as never);
	const context = new ExecuteContext(
		workflow,
		node,
		additionalDataFor(credentialType, credentials, hooks),
		'internal',
		createRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const decrypted = { id: '1', name: 'test', type: credentialType.name, data: { ...credentials } };

	let response: INodeExecutionData[][];
	try {
		response = (await new RoutingNode(context, tempType, decrypted).runNode()) ?? [[{ json: {} }]];
	} catch (error) {
		const cause = (error as { cause?: { response?: { status: number; statusText?: string }; code?: string } }).cause;
		if (cause?.response) {
			for (const rule of test.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === cause.response.status) return { status: 'Error', message: rule.properties.message };
			}
			return { status: 'Error', message: cause.response.statusText || `Received HTTP status code: ${cause.response.status}` };
		}
		return { status: 'Error', message: cause?.code ?? (error as Error).message };
	}
	for (const rule of test.rules ?? []) {
		if (rule.type === 'responseSuccessBody' && valueAt(response[0][0].json, rule.properties.key) === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/** lodash's `get` for the dotted keys credential rules use. */
function valueAt(value: unknown, path: string): unknown {
	return path.split('.').reduce<unknown>((current, key) => (current === null || current === undefined ? undefined : (current as Record<string, unknown>)[key]), value);
}
