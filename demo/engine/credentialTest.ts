import type { ICredentialTestFunction, ICredentialType, INodeExecutionData, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes, Workflow, createRunExecutionData } from 'n8n-workflow';
import { CredentialTestContext, ExecuteContext, ExecutionLifecycleHooks, RoutingNode } from 'n8n-core';

import { type PanelCredentials, additionalDataFor, nodeTypesOf } from './workflow';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/**
 * What n8n's "Test" button does (its CredentialsTester): the credential's own `test` request if it
 * has one, otherwise the `testedBy` method of a node that uses the credential, run with n8n-core's
 * CredentialTestContext.
 */
export async function testCredential(
	credentialType: ICredentialType,
	credentials: PanelCredentials,
	nodes: INodeType[] = [],
): Promise<CredentialTestResult> {
	if (credentialType.test) return await testRequest(credentialType, credentials);
	const testedBy = nodeTestFunction(credentialType.name, nodes);
	if (!testedBy) return { status: 'Error', message: 'No testing function found for this credential.' };
	const hooks = new ExecutionLifecycleHooks('internal', 'test', { id: 'test', nodes: [], connections: {} } as never);
	const context = new CredentialTestContext(additionalDataFor(credentialType, credentials, hooks));
	const decrypted = { id: '1', name: 'test', type: credentialType.name, data: { ...credentials } };
	return (await testedBy.call(context, decrypted)) as CredentialTestResult;
}

function nodeTestFunction(credentialName: string, nodes: INodeType[]): ICredentialTestFunction | undefined {
	for (const node of nodes) {
		const entry = node.description.credentials?.find((credential) => credential.name === credentialName);
		if (typeof entry?.testedBy === 'string') return node.methods?.credentialTest?.[entry.testedBy];
	}
	return undefined;
}

/** A credential's `test` request: sent through n8n-core's RoutingNode on a temporary node, then its rules in order. */
async function testRequest(credentialType: ICredentialType, credentials: PanelCredentials): Promise<CredentialTestResult> {
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
