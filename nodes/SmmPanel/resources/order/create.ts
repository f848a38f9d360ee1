import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';

import { additionalFields, requestOptionFields } from '../../shared/descriptions';
import { errorItem, readPolicy } from '../../shared/execution';
import { badInput } from '../../shared/input';
import { nodeStore } from '../../shared/nodeStore';
import {
	type OrderGate,
	PanelFailure,
	type VerdictStore,
	fetchBalance,
	fetchServices,
	inDoubtAdvice,
	mapWithConcurrency,
	orderGateFor,
	placeOrder,
} from '../../transport';
import { type OrderRequest, buildOrder } from './buildOrder';
import { estimateFields, roundMoney, serviceProblem } from './estimate';
import { withinBalance, withoutDuplicates } from './guards';
import { type Outcome, claimChunkSize, firstOfEachKey, idempotencyKeyField, keyLedger, repeatItems, withKey } from './idempotency';
import { optionalOrderFields, requiredOrderFields } from './orderFields';
import { ORDER_TYPES } from './orderTypes';
import { type SpendingLimits, readSpendingLimits, spendingLimitFields, withinSpendingLimits } from './spendingLimits';

const properties: INodeProperties[] = [
	{
		displayName: 'Service',
		name: 'service',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The service to order',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Search by name, category or ID',
				typeOptions: { searchListMethod: 'searchServices', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '1',
				validation: [
					{ type: 'regex', properties: { regex: '^[A-Za-z0-9_-]+$', errorMessage: 'Not a valid service ID' } },
				],
			},
		],
	},
	{
		displayName: 'Order Type',
		name: 'orderType',
		type: 'options',
		options: ORDER_TYPES.map((type) => ({
			name: type.name,
			value: type.value,
			description: `Services of type "${type.panelType}"`,
		})),
		default: 'default',
		required: true,
		description: 'The type of the service, as the service list shows it; it decides which fields are sent',
	},
	...requiredOrderFields,
	additionalFields([
		...optionalOrderFields,
		{
			displayName: 'Allow Duplicates',
			name: 'allowDuplicates',
			type: 'boolean',
			default: false,
			description:
				'Whether to place two input items with the same service, link and quantity. Off: the second one is not placed and comes out as an error naming the first.',
		},
		{
			displayName: 'Check Against Service List',
			name: 'checkServiceList',
			type: 'boolean',
			default: false,
			description:
				'Whether to read the service list once first and refuse orders whose type or quantity the service does not take, before any order is placed',
		},
		{
			displayName: 'Estimate Only',
			name: 'estimateOnly',
			type: 'boolean',
			default: false,
			description:
				"Whether to place nothing and return each item's estimated charge, service details and whether it fits",
		},
		idempotencyKeyField,
		...spendingLimitFields,
		{
			displayName: 'Pause Between Orders (Ms)',
			name: 'pauseMs',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				"At least this long between two orders. The node paces itself to the panel's rate limit; set this only if the panel asks for a slower pace than it shows.",
		},
		{
			displayName: 'Stay Within Balance',
			name: 'stayWithinBalance',
			type: 'boolean',
			default: false,
			description:
				'Whether to read the balance once and place orders in input order only while their estimated total fits; the rest come out as errors and are not placed',
		},
		...requestOptionFields(2),
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['create'] } }, properties);

interface CreateSettings {
	allowDuplicates: boolean;
	checkServiceList: boolean;
	estimateOnly: boolean;
	pauseMs: number;
	stayWithinBalance: boolean;
	inFlight: number;
}

function readSettings(context: IExecuteFunctions): CreateSettings {
	const options = context.getNodeParameter('additionalFields', 0, {}) as IDataObject;
	return {
		allowDuplicates: options.allowDuplicates === true,
		checkServiceList: options.checkServiceList === true,
		estimateOnly: options.estimateOnly === true,
		pauseMs: Number(options.pauseMs ?? 0),
		stayWithinBalance: options.stayWithinBalance === true,
		inFlight: Number(options.requestsInFlight ?? 2),
	};
}

/**
 * Places one order per input item, a few at a time and in input order. Every item is checked
 * before the first order goes out; an order whose answer is lost is reported, never re-sent.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const settings = readSettings(this);
	const policy = readPolicy(this);
	let limits: SpendingLimits;
	try {
		limits = readSpendingLimits(this);
	} catch (error) {
		return [this.getInputData().map((_, itemIndex) => errorItem(this, error, itemIndex))];
	}
	const output: Array<INodeExecutionData | undefined> = [];
	let orders: OrderRequest[] = [];
	this.getInputData().forEach((_, itemIndex) => {
		try {
			orders.push(buildOrder(this, itemIndex));
		} catch (error) {
			output[itemIndex] = errorItem(this, error, itemIndex);
		}
	});
	const reject = (order: OrderRequest, error: unknown) => {
		output[order.itemIndex] = errorItem(this, error, order.itemIndex);
	};

	const keyed = settings.estimateOnly ? { orders, repeats: new Map() } : firstOfEachKey(orders);
	orders = keyed.orders;
	if (!settings.allowDuplicates) orders = withoutDuplicates(this, orders, reject);

	let services: Map<string, IDataObject> | undefined;
	let balance: number | undefined;
	try {
		if (settings.estimateOnly || settings.stayWithinBalance || settings.checkServiceList || limits.needsServiceList) {
			services = new Map((await fetchServices.call(this, policy)).map((service) => [String(service.service), service]));
		}
		if (settings.stayWithinBalance) balance = Number((await fetchBalance.call(this, policy)).balance);
	} catch (error) {
		orders.forEach((order) => reject(order, error));
		return [compact(output)];
	}

	if (settings.estimateOnly) {
		let total = 0;
		for (const order of orders) {
			const estimate = estimateFields(order, services?.get(order.serviceId));
			total += Number(estimate.estimatedCharge ?? 0);
			estimate.estimatedTotal = roundMoney(total);
			if (balance !== undefined) estimate.fitsBalance = total <= balance;
			output[order.itemIndex] = { json: estimate, pairedItem: { item: order.itemIndex } };
		}
		return [compact(output)];
	}

	// The limits judge an order first; only then whether the service takes it (its type, its quantities).
	const fitsService = (order: OrderRequest) => {
		const found = services && serviceProblem(order, services.get(order.serviceId));
		if (found) reject(order, badInput(this, order.itemIndex, found.field, found.problem));
		return !found;
	};
	orders = withinSpendingLimits(this, orders, services, limits, reject, fitsService);
	if (balance !== undefined && services) orders = withinBalance(this, orders, services, balance, reject);

	const gate = await orderGateFor(this, { orderCount: orders.length, maxInFlight: settings.inFlight }, () => verdictStore(this));
	const inDoubt = await inDoubtAdvice(this);
	const outcomes = new Map<number, Outcome>();
	const chunkSize = orders.some((order) => order.idempotencyKey !== undefined) ? claimChunkSize(settings.inFlight) : orders.length;
	for await (const chunk of keyLedger(this, output, outcomes).chunks(orders, chunkSize)) {
		await placeAll(this, chunk, settings, { gate, inDoubt: inDoubt.item }, output, outcomes);
	}
	repeatItems(this, keyed.repeats, output);
	inDoubt.hint([...outcomes.values()].filter((outcome) => outcome === 'mayHavePlaced').length, orders.length);
	return [compact(output)];
}

async function placeAll(
	context: IExecuteFunctions,
	orders: OrderRequest[],
	settings: CreateSettings,
	{ gate, inDoubt }: { gate: OrderGate; inDoubt: string },
	output: Array<INodeExecutionData | undefined>,
	outcomes: Map<number, Outcome>,
): Promise<void> {
	// The transport paces the orders to the panel; the user's settings bound that pace.
	const policy = { ...readPolicy(context), maxInFlight: settings.inFlight, minIntervalMs: settings.pauseMs };
	let firstFailure: unknown;
	await mapWithConcurrency(orders, settings.inFlight, async (order) => {
		// Without "Continue On Fail" the node stops at the first failure: start no more orders.
		if (firstFailure !== undefined) return;
		const ticket = await gate.enter();
		if (firstFailure !== undefined) return await gate.leave(ticket, firstFailure);
		let placed: IDataObject;
		try {
			placed = await placeOrder.call(context, order.form, policy);
		} catch (error) {
			const mayHavePlaced = !(error instanceof PanelFailure && error.refusedWithoutActing);
			outcomes.set(order.itemIndex, mayHavePlaced ? 'mayHavePlaced' : 'refused');
			try {
				const item = errorItem(context, error, order.itemIndex, inDoubt);
				if (mayHavePlaced) item.json.uncertain = true;
				output[order.itemIndex] = withKey(item, order.idempotencyKey);
			} catch (nodeError) {
				firstFailure ??= nodeError;
			}
			// After the failure is known, so no waiting order starts once the node stops.
			return await gate.leave(ticket, error);
		}
		await gate.leave(ticket);
		outcomes.set(order.itemIndex, 'placed');
		output[order.itemIndex] = withKey(
			{ json: { ...placed, service: order.serviceId, orderType: order.orderType.value }, pairedItem: { item: order.itemIndex } },
			order.idempotencyKey,
		);
	});
	if (firstFailure !== undefined) throw firstFailure;
}

/** What the node learns about the panel's overlapping orders is kept in n8n's database when it can be. */
function verdictStore(context: IExecuteFunctions): VerdictStore | undefined {
	try {
		return nodeStore(context, 'Learning how many orders the panel takes at once');
	} catch {
		// An unsaved workflow, or a tool n8n gives no store: the node learns again in each run.
		return undefined;
	}
}

function compact(output: Array<INodeExecutionData | undefined>): INodeExecutionData[] {
	return output.filter((item): item is INodeExecutionData => item !== undefined);
}
