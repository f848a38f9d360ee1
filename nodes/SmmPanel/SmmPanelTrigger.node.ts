import {
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
	NodeOperationError,
} from 'n8n-workflow';

import { MAIN_CONNECTION } from './shared/n8nSupport';
import { bulkOptionsFrom } from './shared/execution';
import { firstJunkId, splitIds } from './shared/input';
import { triggerProperties } from './trigger/description';
import { type ServiceMemory, checkBalance, diffServices, rememberServices } from './trigger/balanceAndServices';
import { type WatchRules, type WatchState, applyResults, emptyWatchState, idsToCheck } from './trigger/watchedIds';
import {
	type BulkOptions,
	FINAL_ORDER_STATUSES,
	FINAL_REFILL_STATUSES,
	PanelFailure,
	fetchBalance,
	fetchOrderStatuses,
	fetchRefillStatuses,
	fetchServices,
	startSession,
	testPanelCredential,
	toNodeApiError,
} from './transport';

/** Stop this long before n8n's poll budget runs out, to save what was learnt. */
const BUDGET_MARGIN = 0.2;
/** n8n 2.x's own default budget; n8n 1.x gives polls none. */
const DEFAULT_POLL_BUDGET_MS = 5 * 60_000;

/** The poll's time budget: n8n 2.x has `getPollBudgetMs`, n8n 1.x does not. */
function pollBudgetMs(context: IPollFunctions): number {
	const { getPollBudgetMs } = context as Partial<Pick<IPollFunctions, 'getPollBudgetMs'>>;
	return typeof getPollBudgetMs === 'function' ? getPollBudgetMs.call(context) : DEFAULT_POLL_BUDGET_MS;
}

export class SmmPanelTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SMM Panel Trigger',
		name: 'smmPanelTrigger',
		icon: { light: 'file:smmPanel.svg', dark: 'file:smmPanel.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts a workflow when orders or refills finish, the balance runs low or services change',
		defaults: { name: 'SMM Panel Trigger' },
		polling: true,
		inputs: [],
		outputs: [MAIN_CONNECTION],
		credentials: [{ name: 'smmPanelApi', required: true, testedBy: 'smmPanelApiTest' }],
		properties: triggerProperties,
	};

	methods = { credentialTest: { smmPanelApiTest: testPanelCredential } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		startSession(this);
		const event = this.getNodeParameter('event') as string;
		const isTest = this.getMode() === 'manual';
		const saved = this.getWorkflowStaticData('node');
		try {
			const { emit, state } = await pollEvent(this, event, saved, isTest);
			// Saved only after the whole poll succeeded: a failed poll changes nothing.
			if (!isTest) Object.assign(saved, state);
			return emit.length > 0 ? [emit] : null;
		} catch (error) {
			throw error instanceof PanelFailure
				? toNodeApiError(this.getNode(), error)
				: new NodeOperationError(this.getNode(), error as Error);
		}
	}
}

async function pollEvent(
	context: IPollFunctions,
	event: string,
	saved: IDataObject,
	isTest: boolean,
): Promise<{ emit: INodeExecutionData[]; state: IDataObject }> {
	const options = bulkOptionsFrom(context.getNodeParameter('additionalFields', {}) as IDataObject, 4);
	if (event === 'lowBalance') {
		const balance = await fetchBalance.call(context, options.policy);
		const threshold = Number(context.getNodeParameter('threshold'));
		if (isTest) return { emit: [{ json: { event, ...balance, threshold } }], state: saved };
		const { emit, armed } = checkBalance(saved.armed !== false, balance, threshold);
		return { emit, state: { armed } };
	}
	if (event === 'servicesChanged') {
		const services = await fetchServices.call(context, options.policy);
		if (isTest) return { emit: services.map((service) => ({ json: { event, change: 'current', ...service } })), state: saved };
		const previous = saved.services as ServiceMemory | undefined;
		return { emit: previous ? diffServices(previous, services) : [], state: { services: rememberServices(services) } };
	}
	return await pollWatchedIds(context, event, saved, isTest, options);
}

async function pollWatchedIds(
	context: IPollFunctions,
	event: string,
	saved: IDataObject,
	isTest: boolean,
	options: BulkOptions,
): Promise<{ emit: INodeExecutionData[]; state: IDataObject }> {
	const watchesRefills = event === 'refillFinished';
	const field = watchesRefills ? 'refillIds' : 'orderIds';
	const watched = [...new Set(splitIds(context.getNodeParameter(field, '')))];
	const junk = firstJunkId(watched);
	if (junk !== undefined) {
		throw new NodeOperationError(context.getNode(), `${field}: "${junk.slice(0, 40)}" is not an ID`, {
			description: 'IDs are numbers or short codes; separate them with commas, spaces or new lines.',
		});
	}
	const rules: WatchRules = {
		event,
		idField: watchesRefills ? 'refill' : 'order',
		finalStatuses: watchesRefills ? FINAL_REFILL_STATUSES : FINAL_ORDER_STATUSES,
		reportEveryChange: event === 'orderStatusChanged',
		reportProgress: (context.getNodeParameter('additionalFields', {}) as IDataObject).reportProgress === true,
	};
	const state = (saved.watch as WatchState | undefined) ?? emptyWatchState();
	const toCheck = isTest ? watched : idsToCheck(state, watched);
	if (toCheck.length === 0) return { emit: [], state: { watch: state } };

	const fetchStatuses = watchesRefills ? fetchRefillStatuses : fetchOrderStatuses;
	const deadline = isTest ? undefined : Date.now() + pollBudgetMs(context) * (1 - BUDGET_MARGIN);
	const results = await fetchStatuses.call(context, toCheck, { ...options, deadline });
	if (isTest) {
		return { emit: toCheck.flatMap((id) => (results.has(id) ? [{ json: { event, ...results.get(id) } }] : [])), state: saved };
	}
	const checked = toCheck.filter((id) => results.has(id));
	const { emit, next } = applyResults(state, watched, checked, results, rules);
	return { emit, state: { watch: next } };
}

