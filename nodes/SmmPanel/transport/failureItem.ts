import type { IDataObject, INode, INodeExecutionData, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { withErrorOutput } from './failures';

/** What deciding an item's failure needs from n8n's context (custom operations and routed reads alike). */
interface FailureContext {
	getNode(): INode;
	continueOnFail(): boolean;
}

/**
 * One item's failure as n8n should see it. With "Continue On Fail" (or an error output) it is an
 * output item with the error and what to do. Without it a workflow run stops, as usual; a run for an
 * AI agent's tool call answers the agent instead (see `answersAgent`).
 */
export function failureItem(context: FailureContext, nodeError: NodeApiError | NodeOperationError, itemIndex: number): INodeExecutionData {
	const node = context.getNode();
	const pairedItem = { item: itemIndex };
	if (context.continueOnFail()) {
		const json: IDataObject = { error: nodeError.message };
		if (nodeError.description) json.description = nodeError.description;
		return withErrorOutput(node, { json, pairedItem }, nodeError);
	}
	if (!node.type.endsWith('Tool')) throw nodeError;
	// A model is shown the message alone (n8n 2.x drops the description): it says what to do as well.
	const { description } = nodeError;
	if (description && !nodeError.message.includes(description)) nodeError.message = `${nodeError.message}. ${description}`;
	if (answersAgent(node)) return { json: { error: nodeError.message }, pairedItem };
	throw nodeError;
}

/**
 * Whether this run of the tool node answers an AI agent with its failure instead of throwing it.
 * From AI Agent v3 on, n8n's engine runs the tool node itself for each tool call and marks the node
 * with `rewireOutputLogTo: ai_tool`. Then n8n 2.x hands a thrown error's message to the agent unless
 * On Error is "Stop Workflow", but n8n 1.x stops the whole workflow: answering with `{ error }`, as
 * 2.x does, gives the agent the refusal on both lines with On Error left as it is. A tool the agent
 * invokes itself (MCP Server Trigger, older agents) throws: n8n-core turns that into an error answer.
 */
function answersAgent(node: INode): boolean {
	// The literal, not NodeConnectionTypes.AiTool: that object is missing from n8n before 1.85.
	return node.rewireOutputLogTo === 'ai_tool' && node.onError !== 'stopWorkflow';
}
