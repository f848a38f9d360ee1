import type {
	ICredentialType,
	IDataObject,
	INodeType,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	Workflow,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeConnectionTypes, createRunExecutionData } from 'n8n-workflow';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';

import { HarnessCredentialsHelper } from './credentialsHelper';
import { deduplicationStore } from './deduplicationStore';

export interface PanelCredentials {
	url: string;
	apiKey: string;
}

export const INPUT_NODE = 'Input';

/** A node that hands on the items it was given, so the panel node gets real input items. */
export function inputNodeType(items: IDataObject[]): INodeType {
	return {
		description: {
			displayName: 'Input',
			name: 'harnessInput',
			group: ['input'],
			version: 1,
			description: 'Emits the test items',
			defaults: { name: INPUT_NODE },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		execute: async () => [items.map((json) => ({ json }))],
	};
}

/** The node types a workflow of this package uses, by the names n8n stores. */
export function nodeTypesOf(types: Record<string, INodeType>): INodeTypes {
	const byName = (name: string) => {
		const type = types[name];
		if (!type) throw new Error(`Unknown node type ${name}`);
		return type;
	};
	return {
		getByName: (name: string): INodeType | IVersionedNodeType => byName(name),
		getByNameAndVersion: (name: string): INodeType => byName(name),
		getKnownTypes: () => ({}),
	};
}

/** What n8n's server hands a run: credentials, lifecycle hooks and URLs. */
export function additionalDataFor(
	credentialType: ICredentialType,
	credentials: PanelCredentials,
	hooks: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new HarnessCredentialsHelper(credentialType, { ...credentials } as IDataObject as never),
		hooks,
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not used here');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		formBaseUrl: 'http://localhost:5678/form',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		formTestBaseUrl: 'http://localhost:5678/form-test',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		mcpBaseUrl: 'http://localhost:5678/mcp',
		mcpTestBaseUrl: 'http://localhost:5678/mcp-test',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
}

/**
 * Runs `workflow` from `startNode` through n8n-core's WorkflowExecute, as n8n runs a manual
 * execution, and returns the finished run. `executionId` is what nodes get from getExecutionId().
 */
export async function executeWorkflow(
	workflow: Workflow,
	startNode: string,
	credentialType: ICredentialType,
	credentials: PanelCredentials,
	{ executionId, mode = 'manual' }: { executionId?: string; mode?: WorkflowExecuteMode } = {},
): Promise<IRun> {
	await deduplicationStore();
	const hooks = new ExecutionLifecycleHooks(mode, executionId ?? 'harness', {
		id: workflow.id,
		name: 'harness',
		nodes: [],
		connections: {},
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	const finished = new Promise<IRun>((resolve) => hooks.addHandler('workflowExecuteAfter', resolve));
	const additionalData = additionalDataFor(credentialType, credentials, hooks);
	additionalData.executionId = executionId;
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: workflow.getNode(startNode)!, data: { main: [[{ json: {} }]] }, source: null }],
		},
	});
	await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(workflow);
	return await finished;
}
