import { NodeConnectionTypes, type NodeConnectionType } from 'n8n-workflow';

/**
 * What the running n8n can take, read from its n8n-workflow. n8n 1.85 brought NodeConnectionTypes,
 * and with it a tool wrapper that copies a node's description with deepCopy. Before 1.85, reading
 * `NodeConnectionTypes.Main` threw at load, and the wrapper's structuredClone threw on the functions
 * in this node's routing: either stopped the whole package from loading ("could not be cloned").
 */
const before185 = (NodeConnectionTypes as Partial<typeof NodeConnectionTypes> | undefined) === undefined;

export const MAIN_CONNECTION: NodeConnectionType = before185 ? 'main' : NodeConnectionTypes.Main;

/** Offered to AI agents as a tool from n8n 1.85 on; on an older n8n, a plain node only. */
export const USABLE_AS_TOOL: true | undefined = before185 ? undefined : true;
