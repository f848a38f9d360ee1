import type { CatalogService } from './catalog';
import { formatUnits, unitsToNumber } from './money';
import type { OrderView } from './orders';
import { type ServerShapes, serverDialect } from './serverDialects';
import type { DialectName } from './types';

/**
 * How each imitated panel shapes its answers. `standard` follows panel-api.md; seedNNN follow the seed
 * docs, including their mistakes (seed 002's unquoted `Success` and trailing comma, seed 004's missing
 * commas), because clients must survive panels that really answer like their docs.
 */
export interface Dialect {
	name: DialectName;
	renderServices(services: readonly CatalogService[]): string;
	renderBalance(balanceUnits: number): string;
	renderOrderStatus(view: OrderView): Record<string, unknown>;
	/** Entry for an unknown id in a multiple `status` answer. */
	unknownOrderInList: Record<string, string>;
	renderRefillPlaced(refillId: number): string;
	/**
	 * Set for panels whose refill, cancel and refill_status read only the single `order` / `refill`
	 * field (no id lists); their cancel answers with a message instead of a list.
	 */
	singleIdOnly?: { renderCancelPlaced(): string };
	/** Set for dialects of public panel server code (serverDialects.ts). */
	server?: ServerShapes;
}

type ServiceField = 'refillAndCancel' | 'dripfeed' | 'desc';

function serviceRecord(service: CatalogService, fields: ServiceField[]): Record<string, unknown> {
	const record: Record<string, unknown> = {
		service: service.service,
		name: service.name,
		type: service.type,
		category: service.category,
		rate: service.rate,
		min: service.min,
		max: service.max,
	};
	if (fields.includes('desc')) record.desc = service.desc;
	if (fields.includes('refillAndCancel')) {
		record.refill = service.refill;
		record.cancel = service.cancel;
	}
	if (fields.includes('dripfeed')) record.dripfeed = service.dripfeed;
	return record;
}

function standardOrderStatus(view: OrderView): Record<string, unknown> {
	if (view.kind === 'subscription') return { status: view.status, posts: view.posts };
	return {
		charge: formatUnits(view.chargeUnits),
		start_count: String(view.startCount),
		status: view.status,
		remains: String(view.remains),
		...(view.kind === 'dripFeed' ? { runs: view.runs } : {}),
		currency: 'USD',
	};
}

const standardBalance = (units: number): string => JSON.stringify({ balance: formatUnits(units), currency: 'USD' });

function documentedDialect(name: DialectName, serviceFields: ServiceField[]): Dialect {
	return {
		name,
		renderServices: (services) => JSON.stringify(services.map((s) => serviceRecord(s, serviceFields))),
		renderBalance: standardBalance,
		renderOrderStatus: standardOrderStatus,
		unknownOrderInList: { error: 'Incorrect order ID' },
		renderRefillPlaced: (refillId) => JSON.stringify({ refill: String(refillId) }),
	};
}

const seed002: Dialect = {
	name: 'seed002',
	// Its service list has no refill/cancel flags.
	renderServices: (services) => JSON.stringify(services.map((s) => serviceRecord(s, []))),
	// A number, and a trailing comma, exactly as documented.
	renderBalance: (units) => `{\n\t"balance": ${unitsToNumber(units)},\n\t"currency": "USD",\n}`,
	renderOrderStatus: standardOrderStatus,
	unknownOrderInList: { error: 'Incorrect order ID' },
	// No refill id at all, and `Success` unquoted, as documented.
	renderRefillPlaced: () =>
		'{\n\t"status": Success,\n\t"message": "Your order successfully added for refill. Thank you for patience."\n}',
	singleIdOnly: {
		renderCancelPlaced: () =>
			'{\n\t"status": Success,\n\t"message": "Your order was successfully marked for cancellation. Thank you for patience."\n}',
	},
};

/** seed 004 documents its services with no comma between `"cancel": ...` and `"dripfeed": ...`. */
function renderSeed004Services(services: readonly CatalogService[]): string {
	const entries = services.map((service) => {
		const lines = Object.entries(serviceRecord(service, ['desc', 'refillAndCancel'])).map(
			([key, value]) => `        ${JSON.stringify(key)}: ${JSON.stringify(value)}`,
		);
		return `    {\n${lines.join(',\n')}\n        "dripfeed": ${service.dripfeed}\n    }`;
	});
	return `[\n${entries.join(',\n')}\n]`;
}

const seed004: Dialect = {
	name: 'seed004',
	renderServices: renderSeed004Services,
	renderBalance: standardBalance,
	renderOrderStatus: (view) => {
		// Drip-feed orders answer with status and runs only, spelled "In Progress".
		if (view.kind !== 'dripFeed') return standardOrderStatus(view);
		return { status: view.status === 'In progress' ? 'In Progress' : view.status, runs: view.runs };
	},
	unknownOrderInList: { error: 'Incorrect order ID', status: '104' },
	renderRefillPlaced: (refillId) =>
		JSON.stringify({ refill: String(refillId), status: 200, message: 'Refill has been placed successfully!' }),
	singleIdOnly: {
		renderCancelPlaced: () =>
			JSON.stringify({ status: 'success', message: "Cancellation request added, we'll try our best to cancel it." }),
	},
};

const standard = documentedDialect('standard', ['refillAndCancel', 'dripfeed']);

const DIALECTS: Record<DialectName, Dialect> = {
	standard,
	seed000: documentedDialect('seed000', ['refillAndCancel']),
	seed001: documentedDialect('seed001', ['refillAndCancel']),
	seed002,
	seed003: documentedDialect('seed003', ['refillAndCancel']),
	seed004,
	smartPanel: serverDialect('smartPanel', standard),
	codedErrors: serverDialect('codedErrors', standard),
	httpErrors: serverDialect('httpErrors', standard),
	listStatus: serverDialect('listStatus', standard),
};

export const DIALECT_NAMES = Object.keys(DIALECTS) as DialectName[];

export function getDialect(name: DialectName): Dialect {
	const dialect = DIALECTS[name];
	if (!dialect) throw new RangeError(`Unknown dialect "${name}", expected one of ${DIALECT_NAMES.join(', ')}`);
	return dialect;
}
