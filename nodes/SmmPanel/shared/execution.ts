import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { type BulkOptions, PanelFailure, type RequestPolicy, failureItem, policyFrom, toNodeApiError } from '../transport';

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

/** One item's failure: an output item, a stop, or (for an AI agent's tool call) the agent's answer. */
export function errorItem(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	mayHaveActed?: string,
): INodeExecutionData {
	return failureItem(context, asNodeError(context, error, itemIndex, mayHaveActed), itemIndex);
}
