import { type IDataObject, type IExecuteFunctions, type INodeProperties, NodeOperationError } from 'n8n-workflow';

import { splitIds } from '../../shared/input';
import type { OrderRequest } from './buildOrder';
import { estimatedCharge, roundMoney } from './estimate';

/**
 * Spending limits for Order → Create, meant above all for AI agents: a prompt can talk a model
 * into anything, so the limits live in the node's own parameters and are checked before sending.
 */
export const spendingLimitFields: INodeProperties[] = [
	{
		displayName: 'Allowed Services',
		name: 'allowedServices',
		type: 'string',
		default: '',
		placeholder: '1, 3, 7',
		description:
			'Only these service IDs may be ordered (separated by commas, or an array from an expression); any other is refused before sending. An empty list allows none. Never set it with $fromAI.',
	},
	{
		displayName: 'Max Charge Per Order',
		name: 'maxChargePerOrder',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 5 },
		default: 0,
		description:
			"Refuse, before sending, an order whose estimated charge (rate per 1000 × quantity from the service list, or the package price) is above this, in the panel's currency. Never set it with $fromAI.",
	},
	{
		displayName: 'Max Spend Per Execution',
		name: 'maxSpendPerExecution',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 5 },
		default: 0,
		description:
			"Refuse orders once the estimated total of this node's orders in one execution would pass this, in the panel's currency. It holds across all of an AI agent's calls to this tool in one run. Never set it with $fromAI.",
	},
];

const LIMIT_NAMES: Record<string, string> = {
	allowedServices: 'Allowed Services',
	maxChargePerOrder: 'Max Charge Per Order',
	maxSpendPerExecution: 'Max Spend Per Execution',
};

export interface SpendingLimits {
	allowedServices?: Set<string>;
	maxChargePerOrder?: number;
	maxSpendPerExecution?: number;
	/** The charge estimate (and so the service list) is needed. */
	needsServiceList: boolean;
}

/**
 * The limits the user set. A limit whose raw value uses `$fromAI` would let the agent set its own
 * limit: the node refuses to run at all.
 */
export function readSpendingLimits(context: IExecuteFunctions): SpendingLimits {
	const raw = (context.getNode().parameters.additionalFields ?? {}) as IDataObject;
	for (const [name, label] of Object.entries(LIMIT_NAMES)) {
		if (/\$fromai/i.test(JSON.stringify(raw[name] ?? ''))) {
			throw new NodeOperationError(context.getNode(), `${label} uses $fromAI, so the AI agent could set its own limit: nothing was ordered`, {
				description: `Enter a fixed ${label} (or an expression without $fromAI) under Additional Fields.`,
			});
		}
	}
	const fields = context.getNodeParameter('additionalFields', 0, {}) as IDataObject;
	const limits: SpendingLimits = { needsServiceList: false };
	if (fields.allowedServices !== undefined) limits.allowedServices = new Set(splitIds(fields.allowedServices));
	for (const name of ['maxChargePerOrder', 'maxSpendPerExecution'] as const) {
		if (fields[name] === undefined || fields[name] === '') continue;
		const amount = Number(fields[name]);
		if (!Number.isFinite(amount) || amount < 0) {
			throw new NodeOperationError(context.getNode(), `${LIMIT_NAMES[name]}: ${JSON.stringify(fields[name])} is not an amount of 0 or more`);
		}
		limits[name] = amount;
		limits.needsServiceList = true;
	}
	return limits;
}

/** Running totals per execution and node; bounded, as only running executions need theirs. */
const spentInExecution = new Map<string, number>();
const MAX_TRACKED_EXECUTIONS = 1000;

function executionKey(context: IExecuteFunctions): string | undefined {
	const executionId = context.getExecutionId();
	return executionId ? `${executionId}\u0000${context.getNode().name}` : undefined;
}

function recordSpent(key: string, total: number): void {
	spentInExecution.delete(key);
	spentInExecution.set(key, total);
	if (spentInExecution.size > MAX_TRACKED_EXECUTIONS) {
		spentInExecution.delete(spentInExecution.keys().next().value as string);
	}
}

/**
 * The orders the limits let through, in input order; the others are rejected before anything is
 * sent. Each order is judged by the limits first; `fitsService` (which rejects the order itself when
 * the service would not take it) only after them, so that a refusal names the limit that decided it.
 * An order let through counts towards the execution's total whether or not the panel then takes it:
 * the total never understates what may have been spent.
 */
export function withinSpendingLimits(
	context: IExecuteFunctions,
	orders: OrderRequest[],
	services: Map<string, IDataObject> | undefined,
	limits: SpendingLimits,
	reject: (order: OrderRequest, error: unknown) => void,
	fitsService: (order: OrderRequest) => boolean,
): OrderRequest[] {
	const key = executionKey(context);
	let spent = (key && spentInExecution.get(key)) || 0;
	const refuse = (order: OrderRequest, message: string, description: string) => {
		reject(order, new NodeOperationError(context.getNode(), `Not placed: ${message} (item ${order.itemIndex})`, { itemIndex: order.itemIndex, description }));
		return false;
	};
	// n8n 2.x's agents and chat run a tool node on its own, with no workflow and no execution: no total
	// can be kept. (Behind n8n 2.x's MCP Server Trigger a call has a workflow but no execution id: the
	// limit then holds per call, as each call is its own run.)
	const standalone = !key && !context.getWorkflow().id && context.getNode().type.endsWith('Tool');
	const untracked = standalone && limits.maxSpendPerExecution !== undefined;
	const accepted = orders.filter((order) => {
		const { allowedServices, maxChargePerOrder, maxSpendPerExecution } = limits;
		if (untracked) {
			return refuse(
				order,
				"Max Spend Per Execution cannot be kept: n8n ran this tool on its own, outside a workflow and an execution, so the node cannot add up the agent's orders",
				'Give the agent this tool through an AI Agent node in a workflow, or clear Max Spend Per Execution (Max Charge Per Order and Allowed Services hold on their own).',
			);
		}
		if (allowedServices && !allowedServices.has(order.serviceId)) {
			const allowed = allowedServices.size > 0 ? [...allowedServices].join(', ') : 'none';
			return refuse(order, `service ${order.serviceId} is not one of the Allowed Services (${allowed})`, 'Order one of the allowed services.');
		}
		if (!limits.needsServiceList) return fitsService(order);
		const service = services?.get(order.serviceId);
		if (!service) {
			return refuse(order, `the panel's service list has no service ${order.serviceId}, so its charge cannot be checked against the limits`, 'Pick a service from the service list.');
		}
		if (!Number.isFinite(Number(service.rate ?? Number.NaN))) {
			return refuse(order, `the panel's service list gives no rate for service ${order.serviceId}, so its charge cannot be checked against the limits`, 'Pick a service the panel gives a rate for.');
		}
		const charge = estimatedCharge(order, service);
		if (maxChargePerOrder !== undefined && charge > maxChargePerOrder) {
			return refuse(order, `its estimated charge of ${charge} is above the Max Charge Per Order of ${maxChargePerOrder}`, 'Order a smaller quantity or a cheaper service.');
		}
		if (maxSpendPerExecution !== undefined && spent + charge > maxSpendPerExecution) {
			return refuse(
				order,
				`its estimated charge of ${charge} would bring this execution's total to ${roundMoney(spent + charge)}, above the Max Spend Per Execution of ${maxSpendPerExecution}`,
				`${roundMoney(Math.max(0, maxSpendPerExecution - spent))} is left to spend in this execution.`,
			);
		}
		if (!fitsService(order)) return false;
		spent = roundMoney(spent + charge);
		return true;
	});
	if (key && limits.maxSpendPerExecution !== undefined) recordSpent(key, spent);
	return accepted;
}
