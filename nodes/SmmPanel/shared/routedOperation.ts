import type {
	IExecuteFunctions,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IGetNodeParameterOptions,
	INodeExecutionData,
	INodePropertyRouting,
} from 'n8n-workflow';

export type CustomOperation = (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;

/**
 * The routing of an operation that is a custom operation in normal runs. When n8n runs this node
 * as an AI agent's tool (or anywhere else through its declarative engine, RoutingNode), it follows
 * `routing` alone and never calls `customOperations`. This routing runs the same custom operation
 * for the engine's one item, from the `pagination` hook (the one place where the engine lets a
 * node do the sending), so both paths share everything: input checks, spending limits, the
 * transport, output shaping and errors.
 */
export function routeToCustomOperation(operation: CustomOperation): INodePropertyRouting {
	return {
		send: { paginate: true },
		operations: {
			pagination: async function (this: IExecutePaginationFunctions) {
				const [output] = await operation.call(asOneItemRun(this));
				const pairedItem = { item: this.getItemIndex() };
				return output.map((item) => ({ ...item, pairedItem }));
			},
		},
	};
}

/** The engine's context for one item, seen as a custom operation sees a run of one input item. */
function asOneItemRun(context: IExecuteSingleFunctions): IExecuteFunctions {
	const getNodeParameter = (name: string, _itemIndex: number, fallback?: unknown, options?: IGetNodeParameterOptions) =>
		(context.getNodeParameter as (name: string, fallback?: unknown, options?: IGetNodeParameterOptions) => unknown)(
			name,
			fallback,
			options,
		);
	return Object.create(context, {
		getInputData: { value: () => [context.getInputData()] },
		getNodeParameter: { value: getNodeParameter },
	}) as IExecuteFunctions;
}
