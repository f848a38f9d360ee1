import type { IExecuteFunctions, INodeExecutionData, IPairedItemData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { type BulkOptions, PanelFailure, type PerIdResults } from '../transport';
import { type IdParameter, idOperationFields } from './descriptions';
import { errorItem, readBulkOptions } from './execution';
import { readId, readIdList } from './input';
import { type Report, onlyUnreported, reportField } from './report';

type PerIdTransport = (this: IExecuteFunctions, ids: string[], options: BulkOptions) => Promise<PerIdResults>;

interface PerIdOperation {
	resource: 'order' | 'refill';
	operation: string;
	/** `orderId` / `refillId` (one per item) or `orderIds` / `refillIds` (a list per item). */
	idParameter: IdParameter;
	transport: PerIdTransport;
	/** Get Many: the `report` option, to output only what this node has not reported before. */
	reports?: boolean;
}

/** An operation on ids: its fields, shown for it alone, and its execution. */
export function definePerIdOperation(operation: PerIdOperation) {
	return {
		description: updateDisplayOptions(
			{ show: { resource: [operation.resource], operation: [operation.operation] } },
			idOperationFields(operation.idParameter, operation.reports ? [reportField] : []),
		),
		execute: async function (this: IExecuteFunctions) {
			return await runPerIdOperation.call(this, operation);
		},
	};
}

const DEFAULT_IN_FLIGHT = 4;

/**
 * Gathers the ids of all input items, asks the panel once per 100 distinct ids (in bounded
 * parallel), and hands each input item its results, paired to the item its id came from.
 * One id per item (`get`): one output per item, a per-id error fails that item.
 * A list per item (`getMany`, `cancel`, `refill:create`): one output per distinct id, per-id
 * errors as data.
 */
async function runPerIdOperation(
	this: IExecuteFunctions,
	operation: PerIdOperation,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const onePerItem = operation.idParameter === 'orderId' || operation.idParameter === 'refillId';
	const idsByItem: Array<string[] | INodeExecutionData> = items.map((_, itemIndex) => {
		try {
			return onePerItem
				? [readId(this, itemIndex, operation.idParameter)]
				: readIdList(this, itemIndex, operation.idParameter);
		} catch (error) {
			return errorItem(this, error, itemIndex);
		}
	});

	const allIds = idsByItem.flatMap((ids) => (Array.isArray(ids) ? ids : []));
	let results: PerIdResults = new Map();
	if (allIds.length > 0) {
		try {
			results = await operation.transport.call(this, allIds, readBulkOptions(this, DEFAULT_IN_FLIGHT));
		} catch (error) {
			return [idsByItem.map((ids, itemIndex) => (Array.isArray(ids) ? errorItem(this, error, itemIndex) : ids))];
		}
	}

	if (onePerItem) return [oneOutputPerItem(this, idsByItem, results)];
	const output = oneOutputPerId(idsByItem, results);
	if (!operation.reports) return [output];
	const report = this.getNodeParameter('additionalFields.report', 0, 'all') as Report;
	try {
		return [await onlyUnreported(this, output, operation.resource, report)];
	} catch (error) {
		return [items.map((_, itemIndex) => errorItem(this, error, itemIndex))];
	}
}

function oneOutputPerItem(
	context: IExecuteFunctions,
	idsByItem: Array<string[] | INodeExecutionData>,
	results: PerIdResults,
): INodeExecutionData[] {
	return idsByItem.map((ids, itemIndex) => {
		if (!Array.isArray(ids)) return ids;
		const result = results.get(ids[0]) ?? { error: 'The panel did not answer for this id' };
		if (typeof result.error === 'string') {
			return errorItem(context, new PanelFailure('panelError', result.error, { panelMessage: result.error }), itemIndex);
		}
		return { json: result, pairedItem: { item: itemIndex } };
	});
}

function oneOutputPerId(idsByItem: Array<string[] | INodeExecutionData>, results: PerIdResults): INodeExecutionData[] {
	const pairs = new Map<string, IPairedItemData[]>();
	const output: INodeExecutionData[] = [];
	idsByItem.forEach((ids, itemIndex) => {
		if (!Array.isArray(ids)) {
			output.push(ids);
			return;
		}
		for (const id of ids) {
			const pairedItems = pairs.get(id);
			if (pairedItems) {
				if (!pairedItems.some((pair) => pair.item === itemIndex)) pairedItems.push({ item: itemIndex });
				continue;
			}
			const pairedItem: IPairedItemData[] = [{ item: itemIndex }];
			pairs.set(id, pairedItem);
			const result = results.get(id);
			// A poll budget or a failed batch can leave an id without a result.
			if (result) output.push({ json: result, pairedItem });
		}
	});
	return output;
}
