import type { ICredentialType, IDataObject, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { ExecutionLifecycleHooks, PollContext } from 'n8n-core';

import { type PanelCredentials, additionalDataFor, nodeTypesOf } from './workflow';

export interface PollerOptions {
	node: INodeType;
	credentialType: ICredentialType;
	credentials: PanelCredentials;
	parameters: INodeParameters;
	/** The workflow's saved static data, as n8n keeps it across polls and restarts. */
	staticData?: IDataObject;
	/** What n8n 2.x's `getPollBudgetMs` returns; `null`: the context has no such method, as on n8n 1.x. */
	pollBudgetMs?: number | null;
}

export interface Poller {
	/** One poll, as n8n's poll job runs it ('trigger') or as "Fetch Test Event" does ('manual'). */
	poll(mode?: 'trigger' | 'manual'): Promise<INodeExecutionData[] | null>;
	/** The workflow static data; after a JSON round trip it survives "restarts". */
	readonly staticData: IDataObject;
	setParameters(parameters: INodeParameters): void;
}

const TRIGGER_NODE = 'SMM Panel Trigger';

/** Polls the trigger through n8n-core's PollContext, with the workflow's static data kept between polls. */
export function createPoller(options: PollerOptions): Poller {
	let parameters = options.parameters;
	const staticData: IDataObject = options.staticData ?? {};
	const typeName = `n8n-nodes-smm-panel.${options.node.description.name}`;

	const poll = async (mode: 'trigger' | 'manual' = 'trigger') => {
		const workflow = new Workflow({
			id: 'harness',
			nodes: [
				{
					id: '1',
					name: TRIGGER_NODE,
					type: typeName,
					typeVersion: 1,
					position: [0, 0],
					parameters,
					credentials: { smmPanelApi: { id: '1', name: 'SMM Panel account' } },
				},
			],
			connections: {},
			nodeTypes: nodeTypesOf({ [typeName]: options.node }),
			active: mode === 'trigger',
			staticData,
		});
		const node = workflow.getNode(TRIGGER_NODE)!;
		const hooks = new ExecutionLifecycleHooks(mode, 'harness', { id: 'harness', nodes: [], connections: {} } as never);
		const context = new PollContext(
			workflow,
			node,
			additionalDataFor(options.credentialType, options.credentials, hooks),
			mode,
			mode === 'manual' ? 'manual' : 'activate',
			undefined,
			undefined,
			undefined,
			undefined,
			() => workflow.getStaticData('node', node),
			() => options.pollBudgetMs ?? 5 * 60_000,
		);
		if (options.pollBudgetMs === null) Object.defineProperty(context, 'getPollBudgetMs', { value: undefined });
		const result = await options.node.poll!.call(context);
		Object.assign(staticData, workflow.staticData);
		return result?.[0] ?? null;
	};

	return {
		poll,
		staticData,
		setParameters: (next) => {
			parameters = next;
		},
	};
}
