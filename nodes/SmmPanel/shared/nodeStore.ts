import { type IExecuteFunctions, NodeOperationError, sleep } from 'n8n-workflow';

/**
 * This node's memory across executions: n8n's deduplication store (the one behind the Remove
 * Duplicates node), in n8n's own database. n8n keeps one row per workflow and node holding the
 * md5 hash of each entry (about 27 bytes an entry), and drops the oldest entries past `maxEntries`.
 */
export const STORE_MAX_ENTRIES = 50_000;

const OPTIONS = { mode: 'entries', maxEntries: STORE_MAX_ENTRIES } as const;

/**
 * n8n reads the row, changes it and writes it back, so two calls at once for one node could lose
 * each other's entries. Within one n8n process, calls for one node therefore wait for each other.
 * Only the waiting lives in memory; the entries are in the database.
 */
const queues = new Map<string, Promise<unknown>>();

async function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
	const previous = queues.get(key) ?? Promise.resolve();
	const current = previous.then(work);
	const settled = current.catch(() => undefined);
	queues.set(key, settled);
	try {
		return await current;
	} finally {
		if (queues.get(key) === settled) queues.delete(key);
	}
}

export interface NodeStore {
	/** Records the entries; says which were new and which this node had recorded before. */
	record(entries: string[]): Promise<{ new: Set<string>; seen: Set<string> }>;
	/**
	 * Records entries that must be taken once even by n8n processes that share the database
	 * (queue mode): see `claimOnce`.
	 */
	claim(entries: string[]): Promise<{ new: Set<string>; seen: Set<string> }>;
	/** Forgets the entries (unknown ones are ignored). */
	forget(entries: string[]): Promise<void>;
}

/** The store of the node that runs, for a feature that needs it (named in errors). */
export function nodeStore(context: IExecuteFunctions, feature: string): NodeStore {
	const workflowId = context.getWorkflow().id;
	const helpers = context.helpers;
	if (!workflowId) {
		throw new NodeOperationError(context.getNode(), `${feature} needs a saved workflow`, {
			description: `The node remembers what it did per saved workflow, and this run has none: the editor ran a workflow not saved yet, or n8n ran the node on its own (as its agents and chat do with a tool). Save the workflow and run the node in it (for an agent: as a tool of an AI Agent node in that workflow), or do without ${feature} there.`,
		});
	}
	if (typeof helpers.checkProcessedAndRecord !== 'function' || typeof helpers.removeProcessed !== 'function') {
		throw new NodeOperationError(context.getNode(), `${feature} cannot be used here: n8n gives this node no store for it`, {
			description:
				"It keeps its state in n8n's deduplication store, which n8n gives this node's own operations from n8n 1.82 on, but not where n8n runs the node through its routing alone: on n8n before 1.82, or as a tool behind an MCP Server Trigger. Clear this field there, or update n8n to 1.82 or newer.",
		});
	}
	const key = `${workflowId}:${context.getNode().id}`;
	const store: NodeStore = {
		record: async (entries) =>
			await oneAtATime(key, async () => {
				if (entries.length === 0) return { new: new Set<string>(), seen: new Set<string>() };
				const result = await recordOnce(async () => await helpers.checkProcessedAndRecord(entries, 'node', OPTIONS));
				return { new: new Set(result.new.map(String)), seen: new Set(result.processed.map(String)) };
			}),
		claim: async (entries) => await claimOnce(store, entries, context.getExecutionId()),
		forget: async (entries) => {
			if (entries.length === 0) return;
			await oneAtATime(key, async () => await helpers.removeProcessed(entries, 'node', OPTIONS));
		},
	};
	return store;
}

/**
 * Two processes (queue-mode workers) that create this node's row at the same moment: n8n inserts it
 * in both, and the database refuses the second insert ("duplicate key"). By then the row exists, so
 * a second try works. (Any other failure fails the second try as well, and is reported then; at
 * worst an entry recorded by the first try shows as seen, which refuses rather than repeats.)
 */
async function recordOnce<T>(record: () => Promise<T>): Promise<T> {
	return await record().catch(async () => await record());
}

/** Longer than n8n takes between reading the row and writing it back (a few ms; measured in queue mode). */
export const CLAIM_SETTLE_MS = 250;
const CLAIM_ATTEMPTS = 5;

/**
 * Another process may read the row before our write and write it back after, dropping our entries.
 * So each attempt records the entries with a token of its own, waits until any such write has
 * landed, and looks for the token: still there, the entries are ours; gone, they were dropped
 * with it and are asked for again (by then the other process's entries show as seen).
 */
async function claimOnce(
	store: NodeStore,
	entries: string[],
	executionId: string,
): Promise<{ new: Set<string>; seen: Set<string> }> {
	const seen = new Set<string>();
	const tokens: string[] = [];
	let pending = entries;
	try {
		for (let attempt = 0; attempt < CLAIM_ATTEMPTS && pending.length > 0; attempt++) {
			const token = `claim ${executionId} ${attempt} ${Math.random().toString(36).slice(2)}`;
			tokens.push(token);
			const recorded = await store.record([...pending, token]);
			pending.filter((entry) => recorded.seen.has(entry)).forEach((entry) => seen.add(entry));
			pending = pending.filter((entry) => recorded.new.has(entry));
			await sleep(CLAIM_SETTLE_MS);
			if ((await store.record([token])).seen.has(token)) {
				return { new: new Set(pending), seen };
			}
		}
	} finally {
		await store.forget(tokens);
	}
	if (pending.length === 0) return { new: new Set(), seen };
	throw new Error('The node could not record its keys: other executions kept changing them at the same moment. Run it again.');
}
