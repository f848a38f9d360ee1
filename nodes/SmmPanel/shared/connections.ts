import { NodeConnectionTypes, type NodeConnectionType } from 'n8n-workflow';

/**
 * The main connection of both nodes. NodeConnectionTypes first ships in the n8n-workflow of n8n 1.85;
 * on an older n8n the import is undefined, and reading `.Main` from it would stop the package from
 * loading at all ("Class could not be found").
 */
export const MAIN_CONNECTION: NodeConnectionType =
	(NodeConnectionTypes as Partial<typeof NodeConnectionTypes> | undefined)?.Main ?? 'main';
