import { type IExecuteFunctions, NodeOperationError } from 'n8n-workflow';

/**
 * This node's memory across executions: n8n's deduplication store (the one behind the Remove
 * Duplicates node), in n8n's own database. n8n keeps one row per workflow and node holding the
 * md5 hash of each entry (about 27 bytes an entry), and drops the oldest entries past `maxEntries`.
 * Every call reads the whole row and writes it back, so a call costs what the row weighs.
 */
export const STORE_MAX_ENTRIES = 50_000;

export interface NodeStore {
	/** Records the entries; says which were new and which this node had recorded before. */
	record(entries: string[]): Promise<{ new: Set<string>; seen: Set<string> }>;
	/** Which of the entries this node recorded before; records none of them. */
	probe(entries: string[]): Promise<Set<string>>;
	/** Forgets the entries (unknown ones are ignored). */
	forget(entries: string[]): Promise<void>;
}

type Helpers = IExecuteFunctions['helpers'];
type RecordResult = { new: Set<string>; seen: Set<string> };

interface Request {
	kind: 'record' | 'probe' | 'forget';
	entries: string[];
	helpers: Helpers;
	maxEntries: number;
	done: (result: RecordResult) => void;
	failed: (error: unknown) => void;
}

/**
 * n8n reads the row, changes it and writes it back with no lock, so two calls at once for one node
 * could lose each other's entries. Within one n8n process, calls for one node therefore go one at a
 * time, and the requests that waited meanwhile go together in the next call: however many
 * executions run at once, each node's row is written once per round, not once per request.
 * Only the waiting lives in memory; the entries are in the database.
 */
const waiting = new Map<string, Request[]>();

function enqueue(row: string, request: Request): void {
	const queue = waiting.get(row);
	if (queue) {
		queue.push(request);
		return;
	}
	waiting.set(row, [request]);
	void drain(row);
}

async function drain(row: string): Promise<void> {
	const queue = waiting.get(row)!;
	while (queue.length > 0) {
		// Requests of one kind that follow each other go in one call; their order is kept.
		const count = queue.findIndex((request) => request.kind !== queue[0].kind);
		const round = queue.splice(0, count === -1 ? queue.length : count);
		try {
			await ROUNDS[round[0].kind](round);
		} catch (error) {
			round.forEach((request) => request.failed(error));
		}
	}
	waiting.delete(row);
}

/** One call for the round; an entry asked for twice is new only to the first who asked. */
async function recordRound(round: Request[]): Promise<void> {
	const entries = [...new Set(round.flatMap((request) => request.entries))];
	const { helpers, maxEntries } = round[0];
	const result = await recordOnce(
		async () => await helpers.checkProcessedAndRecord(entries, 'node', { mode: 'entries', maxEntries }),
	);
	const unclaimed = new Set(result.new.map(String));
	for (const request of round) {
		const answer: RecordResult = { new: new Set(), seen: new Set() };
		for (const entry of request.entries) {
			if (unclaimed.delete(entry)) answer.new.add(entry);
			else answer.seen.add(entry);
		}
		request.done(answer);
	}
}

async function forgetRound(round: Request[]): Promise<void> {
	const entries = [...new Set(round.flatMap((request) => request.entries))];
	const { helpers, maxEntries } = round[0];
	await helpers.removeProcessed(entries, 'node', { mode: 'entries', maxEntries });
	round.forEach((request) => request.done({ new: new Set(), seen: new Set() }));
}

/**
 * n8n has no call that only reads, so a probe records the entries and forgets the new ones at
 * once: no other call of this process comes in between to write one of them meanwhile.
 */
async function probeRound(round: Request[]): Promise<void> {
	const answers: RecordResult[] = [];
	await recordRound(round.map((request) => ({ ...request, done: (answer) => answers.push(answer) })));
	const recorded = answers.flatMap((answer) => [...answer.new]);
	if (recorded.length > 0) await forgetRound([{ ...round[0], entries: recorded, done: () => undefined }]);
	round.forEach((request, index) => request.done(answers[index]));
}

const ROUNDS: Record<Request['kind'], (round: Request[]) => Promise<void>> = {
	record: recordRound,
	probe: probeRound,
	forget: forgetRound,
};

/**
 * Two processes (queue-mode workers) that create this node's row at the same moment: n8n inserts it
 * in both, and the database refuses the second insert ("duplicate key"). By then the row exists, so
 * a second try works. (Any other failure fails the second try as well, and is reported then; at
 * worst an entry recorded by the first try shows as seen, which refuses rather than repeats.)
 */
async function recordOnce<T>(record: () => Promise<T>): Promise<T> {
	return await record().catch(async () => await record());
}

/**
 * The store of the node that runs, for a feature that needs it (named in errors), keeping the
 * newest `maxEntries` entries.
 */
export function nodeStore(context: IExecuteFunctions, feature: string, maxEntries = STORE_MAX_ENTRIES): NodeStore {
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
	const row = `${workflowId}:${context.getNode().id}`;
	const ask = async (kind: Request['kind'], entries: string[]) =>
		entries.length === 0
			? { new: new Set<string>(), seen: new Set<string>() }
			: await new Promise<RecordResult>((done, failed) => enqueue(row, { kind, entries, helpers, maxEntries, done, failed }));
	return {
		record: async (entries) => await ask('record', entries),
		probe: async (entries) => (await ask('probe', entries)).seen,
		forget: async (entries) => {
			await ask('forget', entries);
		},
	};
}
