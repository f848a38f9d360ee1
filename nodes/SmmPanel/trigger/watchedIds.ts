import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/**
 * What the trigger remembers of watched orders or refills, in the workflow's static data.
 * `seen`: id → last status ("In progress", or "In progress|157" with remains when progress is
 * reported); `done`: ids already reported final (or given up on as unknown), kept only while
 * they stay in the watch list so they are never reported twice; `unknown`: id → polls in a row
 * the panel did not know it.
 */
export interface WatchState {
	seen: Record<string, string>;
	done: string[];
	unknown: Record<string, number>;
	/** Where the next poll starts, so a poll budget cut short still reaches every id in turn. */
	cursor: number;
}

export interface WatchRules {
	event: string;
	idField: 'order' | 'refill';
	finalStatuses: string[];
	/** orderFinished / refillFinished: report once when final. orderStatusChanged: every change after the first sight. */
	reportEveryChange: boolean;
	reportProgress: boolean;
}

export const UNKNOWN_POLLS_BEFORE_DROP = 3;

export function emptyWatchState(): WatchState {
	return { seen: {}, done: [], unknown: {}, cursor: 0 };
}

/** The watch list in the order this poll should check it, starting at the cursor. */
export function idsToCheck(state: WatchState, watched: string[]): string[] {
	const done = new Set(state.done);
	const open = watched.filter((id) => !done.has(id));
	if (open.length === 0) return [];
	const start = state.cursor % open.length;
	return [...open.slice(start), ...open.slice(0, start)];
}

function memoryOf(result: IDataObject, rules: WatchRules): string {
	const status = String(result.status ?? '');
	return rules.reportProgress && result.remains !== undefined ? `${status}|${String(result.remains)}` : status;
}

/**
 * One poll's results applied to the state: the items to emit and the next state. Pure, so a
 * poll that fails before this point leaves the saved state exactly as it was.
 */
export function applyResults(
	state: WatchState,
	watched: string[],
	checked: string[],
	results: Map<string, IDataObject>,
	rules: WatchRules,
): { emit: INodeExecutionData[]; next: WatchState } {
	const inList = new Set(watched);
	const next: WatchState = {
		seen: pick(state.seen, inList),
		done: state.done.filter((id) => inList.has(id)),
		unknown: pick(state.unknown, inList),
		cursor: state.cursor + checked.length,
	};
	const emit: INodeExecutionData[] = [];

	for (const id of checked) {
		const result = results.get(id);
		if (!result) continue;
		if (typeof result.error === 'string') {
			const misses = (next.unknown[id] ?? 0) + 1;
			if (misses >= UNKNOWN_POLLS_BEFORE_DROP) {
				next.done.push(id);
				delete next.unknown[id];
				delete next.seen[id];
			} else next.unknown[id] = misses;
			continue;
		}
		delete next.unknown[id];
		const previous = next.seen[id];
		const previousStatus = previous === undefined ? null : previous.split('|')[0];
		const status = String(result.status ?? '');
		const isFinal = rules.finalStatuses.includes(status);
		const changed = previous !== undefined && previous !== memoryOf(result, rules);

		if ((rules.reportEveryChange && changed) || (!rules.reportEveryChange && isFinal)) {
			emit.push({ json: { event: rules.event, ...result, [rules.idField]: result[rules.idField], status, previousStatus } });
		}
		// A final status does not change again: stop asking about it.
		if (isFinal) {
			next.done.push(id);
			delete next.seen[id];
		} else next.seen[id] = memoryOf(result, rules);
	}
	return { emit, next };
}

function pick<T>(record: Record<string, T>, keep: Set<string>): Record<string, T> {
	const result: Record<string, T> = {};
	for (const [key, value] of Object.entries(record)) if (keep.has(key)) result[key] = value;
	return result;
}
