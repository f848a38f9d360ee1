import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { FINAL_ORDER_STATUSES, FINAL_REFILL_STATUSES } from '../transport';
import { nodeStore } from './nodeStore';

export type Report = 'all' | 'changes' | 'finished';

export const reportField: INodeProperties = {
	displayName: 'Report',
	name: 'report',
	type: 'options',
	options: [
		{ name: 'All', value: 'all', description: 'Every ID, every run' },
		{
			name: 'Changes',
			value: 'changes',
			description: 'Only IDs whose status differs from what this node reported before (the first run reports every ID)',
		},
		{ name: 'Finished', value: 'finished', description: 'Only IDs that reached a final status, each once' },
	],
	default: 'all',
	description:
		"Which IDs to output. Changes and Finished remember what this node reported in n8n's database, across executions and restarts; a run from the editor shows what would come out and remembers nothing.",
};

/**
 * What the store remembers per id: for Finished that it was reported finished; for Changes each
 * status it was reported with (statuses rarely come back, so older ones are not cleared away).
 */
function entryFor(report: Exclude<Report, 'all'>, json: IDataObject, idField: 'order' | 'refill', finalStatuses: string[]): string | undefined {
	const id = String(json[idField]);
	if (report === 'finished') {
		return typeof json.status === 'string' && finalStatuses.includes(json.status) ? JSON.stringify(['finished', id]) : undefined;
	}
	return JSON.stringify(['status', id, json.error !== undefined ? ['error', json.error] : json.status]);
}

/**
 * Keeps only the items this node has not reported before. Items about bad input (no id) always
 * come out. From the editor (manual mode) nothing is remembered.
 */
export async function onlyUnreported(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	resource: 'order' | 'refill',
	report: Report,
): Promise<INodeExecutionData[]> {
	if (report === 'all') return items;
	const finalStatuses = resource === 'order' ? FINAL_ORDER_STATUSES : FINAL_REFILL_STATUSES;
	const entries = items.map((item) =>
		item.json[resource] === undefined ? undefined : entryFor(report, item.json, resource, finalStatuses),
	);
	const store = nodeStore(context, `Report "${report}"`);
	const recorded = await store.record(entries.filter((entry): entry is string => entry !== undefined));
	if (context.getMode() === 'manual') await store.forget([...recorded.new]);
	return items.filter((item, index) => {
		const entry = entries[index];
		if (item.json[resource] === undefined) return true;
		return entry !== undefined && recorded.new.has(entry);
	});
}
