import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

/** A user's mistake in one field of one item: named plainly, caught before any request. */
export function badInput(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	problem: string,
	fix?: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), `${field}: ${problem} (item ${itemIndex})`, {
		itemIndex,
		description: fix,
	});
}

const ID_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;

/** "1, 2 3\n4", [1, 2], or a mix of both from expressions, as a list of ids. */
export function splitIds(raw: unknown): string[] {
	const values = (Array.isArray(raw) ? raw : [raw]).flatMap((value) =>
		typeof value === 'number' ? [String(value)] : String(value ?? '').split(/[\s,;]+/),
	);
	return values.map((value) => value.trim()).filter((value) => value !== '');
}

/** The first entry that cannot be an id, if any. */
export function firstJunkId(ids: string[]): string | undefined {
	return ids.find((id) => !ID_PATTERN.test(id));
}

/** `orderIds` / `refillIds` of one item. */
export function readIdList(context: IExecuteFunctions, itemIndex: number, field: string): string[] {
	const ids = splitIds(context.getNodeParameter(field, itemIndex, ''));
	if (ids.length === 0) {
		throw badInput(context, itemIndex, field, 'no ids given', 'Enter ids separated by commas, spaces or new lines, or an array from an expression.');
	}
	const junk = firstJunkId(ids);
	if (junk !== undefined) {
		throw badInput(context, itemIndex, field, `"${junk.slice(0, 40)}" is not an id`, 'Ids are numbers or short codes such as 23501 or ord_01H8; separate them with commas, spaces or new lines.');
	}
	return ids;
}

/** One id (`orderId`, `refillId`). */
export function readId(context: IExecuteFunctions, itemIndex: number, field: string): string {
	const id = String(context.getNodeParameter(field, itemIndex, '') ?? '').trim();
	if (!ID_PATTERN.test(id)) {
		throw badInput(context, itemIndex, field, id === '' ? 'no id given' : `"${id.slice(0, 40)}" is not an id`);
	}
	return id;
}

/** A multi-line field: one entry per line, or an array from an expression. */
export function toLines(value: unknown): string[] {
	const entries = Array.isArray(value) ? value.map((entry) => String(entry ?? '')) : String(value ?? '').split(/\r?\n/);
	return entries.map((entry) => entry.trim()).filter((entry) => entry !== '');
}

export function isHttpUrl(value: string): boolean {
	if (!/^https?:\/\//i.test(value)) return false;
	try {
		return new URL(value).hostname.includes('.') || new URL(value).hostname === 'localhost';
	} catch {
		return false;
	}
}

/** A whole number ≥ `min`, given as a number or numeric text; `undefined` when it is not one. */
export function wholeNumber(value: unknown, min = 1): number | undefined {
	if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return undefined;
	const number = Number(value);
	return Number.isInteger(number) && number >= min ? number : undefined;
}

/** d/m/Y, not in the past; returns a problem or `undefined`. */
export function expiryProblem(value: string, today = new Date()): string | undefined {
	const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
	if (!match) return `"${value}" is not a date as d/m/Y (for example 31/12/2026)`;
	const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	if (date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) return `"${value}" is not a real date`;
	const startOfToday = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
	if (date.getTime() < startOfToday) return `${value} is in the past`;
	return undefined;
}
