import type {
	ExecutionError,
	ICredentialType,
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IRun,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeConnectionTypes, Workflow, createRunExecutionData } from 'n8n-workflow';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';

import { deduplicationStore } from './deduplicationStore';
import { type PanelCredentials, additionalDataFor, nodeTypesOf } from './workflow';

export interface RunNodeOptions {
	node: INodeType;
	credentialType: ICredentialType;
	credentials: PanelCredentials;
	parameters: INodeParameters;
	/** The items the node receives (one empty item when not given). */
	items?: IDataObject[];
	continueOnFail?: boolean;
	/** How the run was started: 'manual' is the editor's Execute step; 'trigger', 'webhook'… a live run. */
	mode?: WorkflowExecuteMode;
	/** The workflow's id: the node's memory across executions (n8n's deduplication store) is per workflow and node. */
	workflowId?: string;
}

export interface NodeRun {
	/** The node's first output. */
	items: INodeExecutionData[];
	/** The error that stopped the node, if any. */
	error?: ExecutionError;
	run: IRun;
}

const INPUT_NODE = 'Input';
const PANEL_NODE = 'SMM Panel';

/** A node that hands on the items it was given, so the panel node gets real input items. */
function inputNodeType(items: IDataObject[]): INodeType {
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

/**
 * Runs the node the way n8n runs it: a two-node workflow (input → node) through n8n-core's
 * WorkflowExecute, with the credential applied by its own `authenticate`.
 */
export async function runNode(options: RunNodeOptions): Promise<NodeRun> {
	await deduplicationStore();
	const nodeType = options.node.description.name;
	const mode = options.mode ?? 'manual';
	const workflowId = options.workflowId ?? 'harness';
	const workflow = new Workflow({
		id: workflowId,
		nodes: [
			{ id: '1', name: INPUT_NODE, type: 'harnessInput', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: '2',
				name: PANEL_NODE,
				type: `n8n-nodes-smm-panel.${nodeType}`,
				typeVersion: 1,
				position: [200, 0],
				parameters: options.parameters,
				credentials: { smmPanelApi: { id: '1', name: 'SMM Panel account' } },
				continueOnFail: options.continueOnFail ?? false,
			},
		],
		connections: { [INPUT_NODE]: { main: [[{ node: PANEL_NODE, type: NodeConnectionTypes.Main, index: 0 }]] } },
		nodeTypes: nodeTypesOf({
			harnessInput: inputNodeType(options.items ?? [{}]),
			[`n8n-nodes-smm-panel.${nodeType}`]: options.node,
		}),
		active: false,
	});

	const hooks = new ExecutionLifecycleHooks(mode, workflowId, {
		id: workflowId,
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

	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: workflow.getNode(INPUT_NODE)!, data: { main: [[{ json: {} }]] }, source: null }],
		},
	});

	const execute = new WorkflowExecute(
		additionalDataFor(options.credentialType, options.credentials, hooks),
		mode,
		runExecutionData,
	);
	await execute.processRunExecutionData(workflow);
	const run = await finished;
	const task = run.data.resultData.runData[PANEL_NODE]?.[0];
	return {
		items: task?.data?.main?.[0] ?? [],
		error: task?.error ?? run.data.resultData.error,
		run,
	};
}
