import type { IDataObject } from 'n8n-workflow';

import { MAX_IDS_PER_REQUEST, chunk } from './batching';
import { PanelFailure, redact } from './failures';
import { isObject, normalizeFields, perIdError, toFlag } from './normalize';
import { type PanelContext, type RequestPolicy, actionKind, panelApiKey, panelRequest } from './request';

/** One result per id: `{order|refill: id, ...fields}` or `{order|refill: id, error}`. */
export type PerIdResults = Map<string, IDataObject>;

export interface BulkOptions {
	/** Retries, and the execution pacer's bounds (requests in flight). */
	policy: RequestPolicy;
	/** Epoch ms: batches not started by then are left out of the results (the trigger's poll budget). */
	deadline?: number;
}

interface PerIdAction {
	action: 'status' | 'refill' | 'cancel' | 'refill_status';
	/** The output field naming the id, and the form field for one id. */
	idField: 'order' | 'refill';
	/** The form field for up to 100 ids. */
	manyField: 'orders' | 'refills';
	/** API v2 documents cancel only with `orders`: use that form even for one id. */
	manyFormOnly?: boolean;
	/** Reads the answer to the many-id form; `undefined` when it has another shape. */
	readMany(answer: unknown): Map<string, unknown> | undefined;
	/** Turns one id's part of the answer (or the whole answer to the one-id form) into output fields. */
	readOne(value: unknown, fromOneIdForm: boolean): IDataObject;
}

/** Ids as the panel gives them: numbers where they are numeric, strings otherwise. */
function typedId(id: string): string | number {
	return /^\d{1,15}$/.test(id) ? Number(id) : id;
}

function keyedByEntryField(field: string) {
	return (answer: unknown): Map<string, unknown> | undefined => {
		if (!Array.isArray(answer)) return undefined;
		const entries = new Map<string, unknown>();
		for (const entry of answer) if (isObject(entry) && entry[field] !== undefined) entries.set(String(entry[field]), entry);
		return entries;
	};
}

const ORDER_STATUS: PerIdAction = {
	action: 'status',
	idField: 'order',
	manyField: 'orders',
	// An object keyed by id (API v2), or a list of `{order, status, ...}` / `{order, error}` (some Node panels).
	readMany: (answer) => {
		if (Array.isArray(answer)) return keyedByEntryField('order')(answer);
		return isObject(answer) && !('status' in answer && 'charge' in answer) ? new Map(Object.entries(answer)) : undefined;
	},
	readOne: (value) => {
		const error = perIdError(value, true);
		return error !== undefined ? { error } : normalizeFields(value as IDataObject);
	},
};

const REFILL_CREATE: PerIdAction = {
	action: 'refill',
	idField: 'order',
	manyField: 'orders',
	readMany: keyedByEntryField('order'),
	readOne: (value, fromOneIdForm) => {
		const answer = value as IDataObject;
		if (!fromOneIdForm) {
			// `{order, refill: {error}}` (API v2) or `{order, error}` beside the id (some Node panels).
			const error = perIdError(answer) ?? perIdError(answer.refill, true);
			return error !== undefined ? { error } : { refill: answer.refill };
		}
		// `{"refill": "1"}`, `{"refill": "12345", "status": 200, "message": ...}` or `{"status": Success, "message": ...}`
		const result: IDataObject = {};
		if (answer.refill !== undefined) result.refill = answer.refill;
		if (answer.message !== undefined) result.message = answer.message;
		return result;
	},
};

const ORDER_CANCEL: PerIdAction = {
	action: 'cancel',
	idField: 'order',
	manyField: 'orders',
	manyFormOnly: true,
	readMany: keyedByEntryField('order'),
	readOne: (value, fromOneIdForm) => {
		const answer = value as IDataObject;
		if (!fromOneIdForm) {
			const error = perIdError(answer) ?? perIdError(answer.cancel, true);
			return error !== undefined ? { error } : { cancel: toFlag(answer.cancel) };
		}
		// `{"status": "success", "message": ...}` (one-id panels) or `{"cancel": 1}`
		const result: IDataObject = { cancel: answer.cancel !== undefined ? toFlag(answer.cancel) : true };
		if (answer.message !== undefined) result.message = answer.message;
		return result;
	},
};

const REFILL_STATUS: PerIdAction = {
	action: 'refill_status',
	idField: 'refill',
	manyField: 'refills',
	readMany: keyedByEntryField('refill'),
	readOne: (value, fromOneIdForm) => {
		const answer = value as IDataObject;
		// One-id form: `{"status": "Completed"}` or `{"error": ...}`; many: `{"refill": 3, "status": {"error": ...}}`.
		const error = perIdError(fromOneIdForm ? answer : answer.status);
		return error !== undefined ? { error } : normalizeFields({ status: answer.status });
	},
};

/** Whole-request errors: about the account, not the form, so neither falling back nor going on helps. */
const WHOLE_REQUEST_ERRORS = /api[ _-]?key|invalid key|wrong key|user not found|api is disable|account is inactive|fund|balance|banned|blocked|ip address|too many/i;

function isWholeRequestError(error: unknown): boolean {
	return error instanceof PanelFailure && error.kind === 'panelError' && WHOLE_REQUEST_ERRORS.test(error.message);
}

async function runPerId(
	context: PanelContext,
	spec: PerIdAction,
	ids: string[],
	options: BulkOptions,
): Promise<PerIdResults> {
	const results: PerIdResults = new Map();
	const apiKey = await panelApiKey(context);
	// Panels like seeds 002 and 004 take one id per request: learnt from their first answer,
	// for this call only, so nothing stale is carried between executions.
	let oneIdPanel = false;
	// One limit for every request of this call, batches and one-id fallbacks alike; the
	// execution's pacer keeps them to the panel's pace.
	const send = requestSlots(options.policy.maxInFlight, options.deadline);
	const request = async (fields: IDataObject) =>
		await send(async () => await panelRequest.call(context, spec.action, fields, options.policy));

	const store = (id: string, fields: IDataObject) => {
		if (typeof fields.error === 'string') fields.error = redact(fields.error, apiKey);
		results.set(id, { [spec.idField]: typedId(id), ...fields });
	};

	const oneId = async (id: string) => {
		try {
			const answer = await request({ [spec.idField]: id });
			if (answer !== SKIPPED) store(id, spec.readOne(answer, true));
		} catch (error) {
			store(id, failureForId(spec, error));
		}
	};
	const oneIdEach = async (batch: string[]): Promise<void> => {
		await Promise.all(batch.map(oneId));
	};

	const manyIds = async (batch: string[]): Promise<void> => {
		if ((batch.length === 1 && !spec.manyFormOnly) || oneIdPanel) return await oneIdEach(batch);
		let answer: unknown;
		try {
			answer = await request({ [spec.manyField]: batch.join(',') });
		} catch (error) {
			if (error instanceof PanelFailure && error.kind === 'panelError' && !isWholeRequestError(error)) {
				oneIdPanel = true;
				return await oneIdEach(batch);
			}
			for (const id of batch) store(id, failureForId(spec, error));
			return;
		}
		if (answer === SKIPPED) return;
		const entries = spec.readMany(answer);
		if (!entries) {
			if (actionKind(spec.action) === 'read') {
				oneIdPanel = true;
				return await oneIdEach(batch);
			}
			const unreadable = new PanelFailure('notJson', 'The panel\'s answer did not say which ids it took');
			for (const id of batch) store(id, failureForId(spec, unreadable));
			return;
		}
		for (const id of batch) {
			store(id, entries.has(id) ? spec.readOne(entries.get(id), false) : { error: 'The panel did not answer for this id' });
		}
	};

	await Promise.all(chunk([...new Set(ids)], MAX_IDS_PER_REQUEST).map(manyIds));
	return results;
}

/** Marks a request not sent because the poll budget ran out: its ids get no result. */
const SKIPPED = Symbol('skipped');

/** At most `limit` tasks at once; none started after `deadline` (epoch ms). */
function requestSlots(limit: number, deadline?: number) {
	let active = 0;
	const waiting: Array<() => void> = [];
	return async <T>(task: () => Promise<T>): Promise<T | typeof SKIPPED> => {
		while (active >= Math.max(1, limit)) await new Promise<void>((resolve) => waiting.push(resolve));
		if (deadline !== undefined && Date.now() >= deadline) {
			waiting.shift()?.();
			return SKIPPED;
		}
		active++;
		try {
			return await task();
		} finally {
			active--;
			waiting.shift()?.();
		}
	};
}

/**
 * Whole-request failures (a bad key; for reads, anything but the panel's word on one id) are
 * thrown: nothing is known. A refill or cancel keeps other failures per id, saying when the
 * panel may have acted anyway, so the user can check.
 */
function failureForId(spec: PerIdAction, error: unknown): IDataObject {
	if (!(error instanceof PanelFailure) || isWholeRequestError(error)) throw error;
	if (error.kind === 'panelError') return { error: error.message };
	if (actionKind(spec.action) === 'read') throw error;
	if (error.panelRefusedBeforeActing) return { error: error.message };
	return {
		error: `${error.message}. The panel may have taken this ${spec.action} anyway: check the order on the panel before sending it again.`,
		uncertain: true,
	};
}

export async function fetchOrderStatuses(this: PanelContext, ids: string[], options: BulkOptions) {
	return await runPerId(this, ORDER_STATUS, ids, options);
}

export async function cancelOrders(this: PanelContext, ids: string[], options: BulkOptions) {
	return await runPerId(this, ORDER_CANCEL, ids, options);
}

export async function createRefills(this: PanelContext, ids: string[], options: BulkOptions) {
	return await runPerId(this, REFILL_CREATE, ids, options);
}

export async function fetchRefillStatuses(this: PanelContext, ids: string[], options: BulkOptions) {
	return await runPerId(this, REFILL_STATUS, ids, options);
}
