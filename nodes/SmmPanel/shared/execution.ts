import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { type BulkOptions, PanelFailure, type RequestPolicy, policyFrom, toNodeApiError, withErrorOutput } from '../transport';

export function bulkOptionsFrom(additionalFields: IDataObject, defaultInFlight: number): BulkOptions {
	return { policy: policyFrom(additionalFields, defaultInFlight) };
}

export function readPolicy(context: IExecuteFunctions): RequestPolicy {
	return policyFrom(context.getNodeParameter('additionalFields', 0, {}) as IDataObject);
}

export function readBulkOptions(context: IExecuteFunctions, defaultInFlight: number): BulkOptions {
	return bulkOptionsFrom(context.getNodeParameter('additionalFields', 0, {}) as IDataObject, defaultInFlight);
}

/** Any failure as the error n8n shows: the panel's words for panel failures, as thrown otherwise. */
export function asNodeError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	mayHaveActed?: string,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof PanelFailure) return toNodeApiError(context.getNode(), error, { itemIndex, mayHaveActed });
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

/**
 * With "Continue On Fail" the item becomes an output item carrying the error, paired to its
 * input item; without it, the error stops the node.
 */
export function errorItem(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	mayHaveActed?: string,
): INodeExecutionData {
	const nodeError = asNodeError(context, error, itemIndex, mayHaveActed);
	if (!context.continueOnFail()) throw forAgents(context, nodeError);
	const json: IDataObject = { error: nodeError.message };
	if (nodeError.description) json.description = nodeError.description;
	return withErrorOutput(context.getNode(), { json, pairedItem: { item: itemIndex } }, nodeError);
}

/**
 * As an AI agent's tool, the error's message says what to do as well: n8n 2.x's AI Agent shows
 * the model the message alone.
 */
function forAgents<E extends NodeApiError | NodeOperationError>(context: IExecuteFunctions, nodeError: E): E {
	const { description } = nodeError;
	if (context.getNode().type.endsWith('Tool') && description && !nodeError.message.includes(description)) {
		nodeError.message = `${nodeError.message}. ${description}`;
	}
	return nodeError;
}
