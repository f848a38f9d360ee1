import type { IDataObject } from 'n8n-workflow';

/** One spelling per state, whatever the panel wrote ("Cancelled", "inprogress", "Partially Completed"...). */
const STATUS_SPELLINGS: Record<string, string> = {
	pending: 'Pending',
	inprogress: 'In progress',
	processing: 'Processing',
	completed: 'Completed',
	complete: 'Completed',
	partial: 'Partial',
	partiallycompleted: 'Partial',
	canceled: 'Canceled',
	cancelled: 'Canceled',
	refunded: 'Refunded',
	fail: 'Failed',
	failed: 'Failed',
	error: 'Failed',
	active: 'Active',
	paused: 'Paused',
	expired: 'Expired',
	rejected: 'Rejected',
};

function normalizeStatus(raw: unknown): string {
	const text = String(raw ?? '').trim();
	return STATUS_SPELLINGS[text.toLowerCase().replace(/[\s_-]+/g, '')] ?? text;
}

export const FINAL_ORDER_STATUSES = ['Completed', 'Partial', 'Canceled', 'Refunded', 'Failed', 'Expired'];
export const FINAL_REFILL_STATUSES = ['Completed', 'Rejected', 'Failed'];

const NUMERIC_FIELDS = ['rate', 'min', 'max', 'charge', 'remains', 'start_count', 'balance', 'posts', 'runs'];
const FLAG_FIELDS = ['refill', 'cancel', 'dripfeed'];

function toNumber(value: unknown): unknown {
	if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
	return value;
}

export function toFlag(value: unknown): boolean {
	if (typeof value === 'string') return ['1', 'true', 'yes', 'on'].includes(value.trim().toLowerCase());
	return value === true || value === 1;
}

/** Other names panels give a field, and the one the node outputs. */
const FIELD_ALIASES: Record<string, string> = { start_counter: 'start_count' };

/**
 * Numbers typed, flags as booleans, fields under the names the node promises (`start_count`),
 * `status` normalised with the panel's spelling kept in `statusRaw`.
 */
export function normalizeFields(answer: IDataObject): IDataObject {
	const result: IDataObject = { ...answer };
	for (const [alias, name] of Object.entries(FIELD_ALIASES)) {
		if (!(alias in result)) continue;
		if (!(name in result)) result[name] = result[alias];
		delete result[alias];
	}
	for (const field of NUMERIC_FIELDS) if (field in result) result[field] = toNumber(result[field]) as IDataObject[string];
	for (const field of FLAG_FIELDS) if (field in result) result[field] = toFlag(result[field]);
	if (typeof result.status === 'string') {
		result.statusRaw = result.status;
		result.status = normalizeStatus(result.status);
	}
	return result;
}

/** "Custom Comments", "custom_comments", "Custom comments" → the node's `orderType` value `customComments`. */
export function orderTypeOf(panelType: unknown): string {
	const words = String(panelType ?? 'Default')
		.trim()
		.split(/[\s_-]+/)
		.filter(Boolean)
		.map((word) => word.toLowerCase());
	if (words.length === 0) return 'default';
	return words.map((word, index) => (index === 0 ? word : word[0].toUpperCase() + word.slice(1))).join('');
}

export function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A per-id error: `{"error": "..."}`, or where an object was expected, a bare string ("Incorrect order ID"). */
export function perIdError(value: unknown, objectExpected = false): string | undefined {
	if (isObject(value) && typeof value.error === 'string') return value.error;
	if (objectExpected && typeof value === 'string') return value;
	return undefined;
}
