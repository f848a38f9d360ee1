import type { IDataObject } from 'n8n-workflow';

import { MAX_IDS_PER_REQUEST, chunk, mapWithConcurrency } from './batching';
import { PanelFailure } from './failures';
import { isObject, normalizeFields, perIdError, toFlag } from './normalize';
import { type PanelContext, type RequestPolicy, actionKind, panelIdentity, panelRequest } from './request';

/** One result per id: `{order|refill: id, ...fields}` or `{order|refill: id, error}`. */
export type PerIdResults = Map<string, IDataObject>;

export interface BulkOptions {
	/** Requests in flight at once. */
	concurrency: number;
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
	/** Reads the answer to the many-id form; `undefined` when it has another shape. */
	readMany(answer: unknown): Map<string, unknown> | undefined;
	/** Turns one id's part of the answer (or the whole answer to the one-id form) into output fields. */
	readOne(value: unknown, fromOneIdForm: boolean): IDataObject;
}

/** Ids as the panel gives them: numbers where they are numeric, strings otherwise. */
export function typedId(id: string): string | number {
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
	readMany: (answer) =>
		isObject(answer) && !('status' in answer && 'charge' in answer) ? new Map(Object.entries(answer)) : undefined,
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
			const error = perIdError(answer.refill, true);
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
	readMany: keyedByEntryField('order'),
	readOne: (value, fromOneIdForm) => {
		const answer = value as IDataObject;
		if (!fromOneIdForm) {
			const error = perIdError(answer.cancel, true);
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
		const error = perIdError(fromOneIdForm ? answer : answer.status, true);
		return error !== undefined ? { error } : normalizeFields({ status: answer.status });
	},
};

/** Panels (seeds 002, 004) that take one id per request for an action, learnt from their answers. */
const oneIdPanels = new Set<string>();

/** Whole-request errors that say nothing about the many-id form: falling back would not help. */
const NOT_ABOUT_THE_FORM = /api[ _-]?key|invalid key|fund|balance|banned|blocked|ip address|too many/i;

async function runPerId(
	context: PanelContext,
	spec: PerIdAction,
	ids: string[],
	options: BulkOptions,
): Promise<PerIdResults> {
	const uniqueIds = [...new Set(ids)];
	const results: PerIdResults = new Map();
	const { url } = await panelIdentity(context);
	const dialectKey = `${url}|${spec.action}`;

	const store = (id: string, fields: IDataObject) => results.set(id, { [spec.idField]: typedId(id), ...fields });

	const oneId = async (id: string) => {
		try {
			const answer = await panelRequest.call(context, spec.action, { [spec.idField]: id }, options.policy);
			store(id, spec.readOne(answer, true));
		} catch (error) {
			store(id, failureForId(spec, error));
		}
	};

	const manyIds = async (batch: string[]) => {
		if (batch.length === 1 || oneIdPanels.has(dialectKey)) {
			await mapWithConcurrency(batch, options.concurrency, oneId, options.deadline);
			return;
		}
		let answer: unknown;
		try {
			answer = await panelRequest.call(context, spec.action, { [spec.manyField]: batch.join(',') }, options.policy);
		} catch (error) {
			if (error instanceof PanelFailure && error.kind === 'panelError' && !NOT_ABOUT_THE_FORM.test(error.message)) {
				oneIdPanels.add(dialectKey);
				await mapWithConcurrency(batch, options.concurrency, oneId, options.deadline);
				return;
			}
			for (const id of batch) store(id, failureForId(spec, error));
			return;
		}
		const entries = spec.readMany(answer);
		if (!entries) {
			if (actionKind(spec.action) === 'read') {
				oneIdPanels.add(dialectKey);
				await mapWithConcurrency(batch, options.concurrency, oneId, options.deadline);
				return;
			}
			const unreadable = new PanelFailure('notJson', 'The panel\'s answer did not say which ids it took');
			for (const id of batch) store(id, failureForId(spec, unreadable));
			return;
		}
		for (const id of batch) {
			store(id, entries.has(id) ? spec.readOne(entries.get(id), false) : { error: 'The panel did not answer for this id' });
		}
	};

	await mapWithConcurrency(chunk(uniqueIds, MAX_IDS_PER_REQUEST), options.concurrency, manyIds, options.deadline);
	return results;
}

/**
 * A read that failed as a whole is thrown (nothing is known); a refill or cancel keeps its
 * failure per id, saying when the panel may have acted anyway, so the user can check.
 */
function failureForId(spec: PerIdAction, error: unknown): IDataObject {
	if (!(error instanceof PanelFailure)) throw error;
	if (error.kind === 'panelError' || error.panelRefusedBeforeActing) return { error: error.message };
	if (actionKind(spec.action) === 'read') throw error;
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
