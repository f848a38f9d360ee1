import type { EngineResponse, ICredentialType, IDataObject, INode, INodeParameters, INodeType, IRun, NodeOutput } from 'n8n-workflow';
import { NodeConnectionTypes, Workflow } from 'n8n-workflow';
import { RoutingNode } from 'n8n-core';

import { INPUT_NODE, type PanelCredentials, executeWorkflow, inputNodeType, nodeTypesOf } from './workflow';

/** A tool as n8n-core hands it to an agent (a LangChain structured tool). */
interface AgentTool {
	name: string;
	description: string;
	schema: { shape?: Record<string, unknown> };
	invoke(args: IDataObject): Promise<unknown>;
}

export interface RunToolOptions {
	node: INodeType;
	credentialType: ICredentialType;
	credentials: PanelCredentials;
	/** The tool node's parameters, with `$fromAI(...)` where the agent fills them in. */
	parameters: INodeParameters;
	/** The arguments of each tool call the agent makes, in order, all in one execution. */
	calls: IDataObject[];
	/** The execution's id (n8n gives one to every agent run). */
	executionId?: string;
	/** As n8n 2.x's agents and chat run a tool node on its own: no saved workflow (and give no executionId). */
	standalone?: boolean;
	/** How the agent runs its tool: `invoke` (default) or `engine` (see agentNodeType). */
	via?: ToolPath;
	continueOnFail?: boolean;
	/** The tool node's On Error setting, when set. */
	onError?: INode['onError'];
}

export type ToolPath = 'invoke' | 'engine';

/** What the agent got back from one call: the tool's text answer, or the error text it reads. */
export interface ToolAnswer {
	text?: string;
	/** Thrown by the tool (`invoke`), or the tool's one `{ error }` item (`engine`). */
	error?: string;
	/** `engine`: the tool node failed. n8n 2.x passes its message on; n8n 1.x stops the workflow there. */
	nodeFailed?: boolean;
}

export interface ToolRun {
	/** The tool as the agent sees it. */
	name: string;
	description: string;
	/** The argument names the agent is asked for (the `$fromAI` keys). */
	argumentNames: string[];
	answers: ToolAnswer[];
	run: IRun;
}

const AGENT_NODE = 'Agent';
const TOOL_NODE = 'SMM Panel';

/**
 * The node type as n8n's server hands out `<name>Tool`: a declarative node gets an `execute` that
 * runs its declarative engine (RoutingNode), and the tool variant has one AI tool output.
 * (n8n: packages/cli node-types.ts `getByNameAndVersion` and `convertNodeToAiTool`.)
 */
function asToolNodeType(nodeType: INodeType): INodeType {
	const declarative: INodeType = Object.create(nodeType);
	declarative.execute = async function () {
		return (await new RoutingNode(this as never, declarative).runNode()) ?? [];
	};
	const tool: INodeType = Object.create(declarative);
	tool.description = {
		...nodeType.description,
		name: `${nodeType.description.name}Tool`,
		displayName: `${nodeType.description.displayName} Tool`,
		inputs: [],
		outputs: [NodeConnectionTypes.AiTool],
	};
	return tool;
}

/** The engine's answer to one requested tool run, as the agent reads it. */
function engineAnswer({ data }: EngineResponse['actionResponses'][number]): ToolAnswer {
	if (data.error) return { error: data.error.message, nodeFailed: true };
	const answer = (data.data?.[NodeConnectionTypes.AiTool]?.[0] ?? []).map((item) => item.json);
	const [only] = answer;
	if (answer.length === 1 && typeof only.error === 'string' && Object.keys(only).length === 1) return { error: only.error };
	return { text: JSON.stringify(answer) };
}

/**
 * An agent stand-in: asks n8n-core for its tools and makes the calls it was given, in order;
 * either through the tool (`invoke`) or, as n8n 2.x's AI Agent does, by asking the engine to run
 * the tool node with each call's arguments (an EngineRequest) and reading the engine's response.
 */
function agentNodeType(
	calls: IDataObject[],
	via: ToolPath,
	onTools: (tool: AgentTool, answers: ToolAnswer[]) => void,
): INodeType {
	return {
		description: {
			displayName: 'Agent',
			name: 'harnessAgent',
			group: ['transform'],
			version: 1,
			description: 'Calls its tool',
			defaults: { name: AGENT_NODE },
			inputs: [NodeConnectionTypes.Main, NodeConnectionTypes.AiTool],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(response?: EngineResponse): Promise<NodeOutput> {
			const [tool] = (await this.getInputConnectionData(NodeConnectionTypes.AiTool, 0)) as AgentTool[];
			if (via === 'engine') {
				if (!response?.actionResponses.length) {
					const actions = calls.map((input, index) => ({
						actionType: 'ExecutionNodeAction' as const,
						nodeName: TOOL_NODE,
						input,
						type: NodeConnectionTypes.AiTool,
						id: `call-${index}`,
						metadata: { itemIndex: 0 },
					}));
					return { actions, metadata: {} };
				}
				onTools(tool, response.actionResponses.map(engineAnswer));
				return [[{ json: {} }]];
			}
			const answers: ToolAnswer[] = [];
			for (const args of calls) {
				try {
					answers.push({ text: String(await tool.invoke(args)) });
				} catch (error) {
					answers.push({ error: (error as Error).message });
				}
			}
			onTools(tool, answers);
			return [[{ json: {} }]];
		},
	};
}

/**
 * Runs the node as an AI agent's tool the way n8n does: an agent node asks n8n-core for its tools
 * (`getInputConnectionData`), n8n-core wraps the tool node (`createNodeAsTool`), and each call
 * either runs the tool node type's `execute` (via `invoke`: the MCP Server Trigger, agents before
 * 2.x) or is run by the engine as a normal run of the tool node (via `engine`: n8n 2.x's AI
 * Agent), with the call's arguments as its one item, resolving `$fromAI(...)` from them.
 */
export async function runTool(options: RunToolOptions): Promise<ToolRun> {
	const toolType = `n8n-nodes-smm-panel.${options.node.description.name}Tool`;
	let result: Omit<ToolRun, 'run'> | undefined;
	const workflow = new Workflow({
		id: options.standalone ? undefined : 'harness',
		nodes: [
			{ id: '0', name: INPUT_NODE, type: 'harnessInput', typeVersion: 1, position: [-200, 0], parameters: {} },
			{ id: '1', name: AGENT_NODE, type: 'harnessAgent', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: '2',
				name: TOOL_NODE,
				type: toolType,
				typeVersion: 1,
				position: [0, 200],
				parameters: options.parameters,
				credentials: { smmPanelApi: { id: '1', name: 'SMM Panel account' } },
				continueOnFail: options.continueOnFail ?? false,
				...(options.onError ? { onError: options.onError } : {}),
			},
		],
		connections: {
			[INPUT_NODE]: { main: [[{ node: AGENT_NODE, type: NodeConnectionTypes.Main, index: 0 }]] },
			[TOOL_NODE]: { ai_tool: [[{ node: AGENT_NODE, type: NodeConnectionTypes.AiTool, index: 0 }]] },
		},
		nodeTypes: nodeTypesOf({
			harnessInput: inputNodeType([{}]),
			harnessAgent: agentNodeType(options.calls, options.via ?? 'invoke', (tool, answers) => {
				result = {
					name: tool.name,
					description: tool.description,
					argumentNames: Object.keys(tool.schema.shape ?? {}),
					answers,
				};
			}),
			[toolType]: asToolNodeType(options.node),
		}),
		active: false,
		// n8n's default for new workflows; the engine runs requested tool nodes before resuming the agent.
		settings: { executionOrder: 'v1' },
	});

	const run = await executeWorkflow(workflow, INPUT_NODE, options.credentialType, options.credentials, { executionId: options.executionId });
	if (!result) throw new Error(`The agent did not run: ${run.data.resultData.error?.message ?? 'no error recorded'}`);
	return { ...result, run };
}
