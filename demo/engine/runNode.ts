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
import { NodeConnectionTypes, Workflow } from 'n8n-workflow';

import { INPUT_NODE, type PanelCredentials, executeWorkflow, inputNodeType, nodeTypesOf } from './workflow';

export interface RunNodeOptions {
	node: INodeType;
	credentialType: ICredentialType;
	credentials: PanelCredentials;
	parameters: INodeParameters;
	/** The items the node receives (one empty item when not given). */
	items?: IDataObject[];
	continueOnFail?: boolean;
	/** The node's "On Error" setting; 'continueErrorOutput' gives it a second output for failed items. */
	onError?: 'continueRegularOutput' | 'continueErrorOutput';
	/** How the run was started: 'manual' is the editor's Execute step; 'trigger', 'webhook'… a live run. */
	mode?: WorkflowExecuteMode;
	/** The workflow's id: the node's memory across executions (n8n's deduplication store) is per workflow and node. */
	workflowId?: string;
}

export interface NodeRun {
	/** The node's first output. */
	items: INodeExecutionData[];
	/** The error output (On Error: Continue (using error output)). */
	errorItems: INodeExecutionData[];
	/** The error that stopped the node, if any. */
	error?: ExecutionError;
	run: IRun;
}

const PANEL_NODE = 'SMM Panel';

/**
 * Runs the node the way n8n runs it: a two-node workflow (input → node) through n8n-core's
 * WorkflowExecute, with the credential applied by its own `authenticate`.
 */
export async function runNode(options: RunNodeOptions): Promise<NodeRun> {
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
				...(options.onError ? { onError: options.onError } : {}),
			},
		],
		connections: { [INPUT_NODE]: { main: [[{ node: PANEL_NODE, type: NodeConnectionTypes.Main, index: 0 }]] } },
		nodeTypes: nodeTypesOf({
			harnessInput: inputNodeType(options.items ?? [{}]),
			[`n8n-nodes-smm-panel.${nodeType}`]: options.node,
		}),
		active: false,
	});

	const run = await executeWorkflow(workflow, INPUT_NODE, options.credentialType, options.credentials, { mode });
	const task = run.data.resultData.runData[PANEL_NODE]?.[0];
	return {
		items: task?.data?.main?.[0] ?? [],
		errorItems: (options.onError === 'continueErrorOutput' ? task?.data?.main?.[1] : undefined) ?? [],
		error: task?.error ?? run.data.resultData.error,
		run,
	};
}
