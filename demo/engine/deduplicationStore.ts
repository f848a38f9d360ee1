import { createHash } from 'node:crypto';
import type {
	DeduplicationItemTypes,
	DeduplicationScope,
	ICheckProcessedContextData,
	ICheckProcessedOptions,
	IDataDeduplicator,
	IDeduplicationOutput,
} from 'n8n-workflow';
import { DataDeduplicationService } from 'n8n-core';

/**
 * n8n's deduplication store as its server has it (packages/cli deduplication helper, "entries"
 * mode): one row per workflow and context, holding md5/base64 hashes of the entries, the oldest
 * dropped past `maxEntries`, read and written back without a transaction. The rows live in a Map
 * standing in for the `processed_data` table; a pause between read and write lets overlapping
 * calls lose each other's writes exactly as they can in n8n.
 */
class InMemoryDeduplicator implements IDataDeduplicator {
	readonly rows = new Map<string, string>();

	private rowKey(scope: DeduplicationScope, contextData: ICheckProcessedContextData): string {
		const context = scope === 'node' ? `n:${contextData.node?.id}` : '';
		return `${contextData.workflow.id}|${context}`;
	}

	private async read(key: string): Promise<string[] | undefined> {
		const row = this.rows.get(key);
		await new Promise((resolve) => setImmediate(resolve));
		return row === undefined ? undefined : (JSON.parse(row) as { data: string[] }).data;
	}

	/** `isNew`: n8n inserts a row it did not find, and the table's primary key refuses a second insert. */
	private async write(key: string, data: string[], isNew = false): Promise<void> {
		await new Promise((resolve) => setImmediate(resolve));
		if (isNew && this.rows.has(key)) {
			throw new Error('duplicate key value violates unique constraint "PK_processed_data"');
		}
		this.rows.set(key, JSON.stringify({ mode: 'entries', data }));
	}

	private static hash(value: DeduplicationItemTypes): string {
		return createHash('md5').update(value.toString()).digest('base64');
	}

	async checkProcessedAndRecord(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		contextData: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	): Promise<IDeduplicationOutput> {
		const key = this.rowKey(scope, contextData);
		const row = await this.read(key);
		const data = row ?? [];
		const known = new Set(data);
		const output: IDeduplicationOutput = { new: [], processed: [] };
		for (const item of items) {
			const hash = InMemoryDeduplicator.hash(item);
			if (known.has(hash)) {
				output.processed.push(item);
			} else {
				output.new.push(item);
				data.push(hash);
			}
		}
		if (options.maxEntries) data.splice(0, data.length - options.maxEntries);
		await this.write(key, data, row === undefined);
		return output;
	}

	async removeProcessed(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		contextData: ICheckProcessedContextData,
	): Promise<void> {
		const key = this.rowKey(scope, contextData);
		const data = await this.read(key);
		if (!data) return;
		for (const item of items) {
			const index = data.indexOf(InMemoryDeduplicator.hash(item));
			if (index !== -1) data.splice(index, 1);
		}
		await this.write(key, data);
	}

	async clearAllProcessedItems(scope: DeduplicationScope, contextData: ICheckProcessedContextData): Promise<void> {
		this.rows.delete(this.rowKey(scope, contextData));
	}

	async getProcessedDataCount(scope: DeduplicationScope, contextData: ICheckProcessedContextData): Promise<number> {
		return (await this.read(this.rowKey(scope, contextData)))?.length ?? 0;
	}
}

let deduplicator: InMemoryDeduplicator | undefined;

/** The store every run in this process uses, set up on first use (n8n's server does this at start). */
export async function deduplicationStore(): Promise<InMemoryDeduplicator> {
	if (!deduplicator) {
		deduplicator = new InMemoryDeduplicator();
		await DataDeduplicationService.init(deduplicator);
	}
	return deduplicator;
}

/** The stored rows' sizes in bytes, as n8n would keep them in its database. */
export async function storeBytes(): Promise<number> {
	const store = await deduplicationStore();
	return [...store.rows.values()].reduce((sum, row) => sum + Buffer.byteLength(row), 0);
}
