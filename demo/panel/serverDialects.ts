import { type Answer, errorAnswer, jsonAnswer } from './answers';
import type { Dialect } from './dialects';

/**
 * Dialects of public panel server code (see docs/panels.md): the shapes their API controllers
 * answer with, imitated on top of the standard ones. `reshape` turns a standard answer into the
 * server's; `actions`, when set, are the only ones the server knows.
 */
export interface ServerShapes {
	/** What the server answers to a key it does not know. */
	wrongKey: Answer;
	/** The actions the server has; others get `unknownAction`. */
	actions?: readonly string[];
	unknownAction?: Answer;
	/** `status` reads `order` only: a request with `orders` finds no order. */
	singleIdStatus?: boolean;
	/** The standard answer to `action`, as this server shapes it. */
	reshape(action: string, answer: Answer): Answer;
}

const parse = (answer: Answer): unknown => JSON.parse(answer.body) as unknown;
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const errorOf = (value: unknown): string | undefined => (isRecord(value) && typeof value.error === 'string' ? value.error : undefined);

/** SmartPanel (a CodeIgniter script): add, status, services and balance only; `"status": "success"` beside data. */
const smartPanel: ServerShapes = {
	// Its language table pads the text with spaces.
	wrongKey: jsonAnswer({ error: `API is Disable for this user or User Not Found! Contact the Support${' '.repeat(24)}` }),
	actions: ['add', 'status', 'services', 'balance'],
	unknownAction: errorAnswer('This action is Invalid'),
	reshape(action, answer) {
		const body = parse(answer);
		if (errorOf(body) !== undefined) return answer;
		if (action === 'add' || action === 'balance') return jsonAnswer({ status: 'success', ...(body as object) });
		if (action === 'status' && isRecord(body) && !('status' in body)) {
			// A multiple status: an unknown id is a bare string.
			return jsonAnswer(Object.fromEntries(Object.entries(body).map(([id, entry]) => [id, errorOf(entry) ?? entry])));
		}
		return answer;
	},
};

/** Error codes the SMMTürk-style PHP script puts beside its words, by the standard message. */
const CODED_ERRORS: Array<[RegExp, string, string | number]> = [
	[/order id/i, 'Order not found.', '104'],
	[/service/i, 'Service is inactive or not found', '105'],
	[/min_quantity/i, 'You did not meet the minimum number.', 108],
	[/max_quantity/i, 'The maximum number has been exceeded.', 109],
	[/funds/i, 'You have insufficient balance', 113],
	[/missing|incorrect/i, 'You must fill in the required fields.', 107],
];

/** An SMMTürk-style PHP script: error codes beside the text, `"status": 100` beside a new order, one id per status. */
const codedErrors: ServerShapes = {
	wrongKey: jsonAnswer({ error: 'API key is incorrect', status: '102' }),
	singleIdStatus: true,
	reshape(action, answer) {
		const body = parse(answer);
		const error = errorOf(body);
		if (error !== undefined) {
			const [, text, code] = CODED_ERRORS.find(([pattern]) => pattern.test(error)) ?? [undefined, error, 107];
			return jsonAnswer({ error: text, status: code });
		}
		return action === 'add' ? jsonAnswer({ status: 100, ...(body as object) }) : answer;
	},
};

/**
 * Next.js / Node panels: errors with HTTP 400 (401 for the key, 404 for an unknown order), and in
 * refill and cancel lists the error beside the id (`{order, error}`).
 */
const httpErrors: ServerShapes = {
	wrongKey: errorAnswer('Invalid API key', 401),
	reshape(action, answer) {
		const body = parse(answer);
		const error = errorOf(body);
		if (error !== undefined) return errorAnswer(error, /order id/i.test(error) ? 404 : 400);
		if ((action === 'refill' || action === 'cancel') && Array.isArray(body)) {
			return jsonAnswer(
				body.map((entry: Record<string, unknown>) => {
					const entryError = errorOf(entry[action]);
					return entryError !== undefined ? { order: entry.order, error: entryError } : entry;
				}),
			);
		}
		return answer;
	},
};

/** Panels reported in issue 23: a multiple status as a list of `{order, ...}`, `start_counter`, a new order with HTTP 201. */
const listStatus: ServerShapes = {
	wrongKey: errorAnswer('Invalid API key', 401),
	reshape(action, answer) {
		const body = parse(answer);
		if (errorOf(body) !== undefined) return answer;
		if (action === 'add') return jsonAnswer(body, 201);
		if (action === 'status' && isRecord(body) && !('status' in body)) {
			return jsonAnswer(Object.entries(body).map(([id, entry]) => ({ order: Number(id), ...renamed(entry as Record<string, unknown>) })));
		}
		return action === 'status' && isRecord(body) ? jsonAnswer(renamed(body)) : answer;
	},
};

function renamed(entry: Record<string, unknown>): Record<string, unknown> {
	if (!('start_count' in entry)) return entry;
	const { start_count: startCounter, ...rest } = entry;
	return { ...rest, start_counter: startCounter };
}

const SERVER_SHAPES = { smartPanel, codedErrors, httpErrors, listStatus };

export type ServerDialectName = keyof typeof SERVER_SHAPES;

/** The standard dialect, answering as one of these servers. */
export function serverDialect(name: ServerDialectName, standard: Dialect): Dialect {
	return { ...standard, name, server: SERVER_SHAPES[name] };
}
