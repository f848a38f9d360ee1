import { join } from 'node:path';
import type { ICredentialType, INodeType } from 'n8n-workflow';

/** The package as n8n loads it: the compiled files in dist/ (run `npm run build` first). */
const root = join(__dirname, '..', '..', '..');

function load<T>(file: string, exported: string): T {
	const Class = (require(join(root, 'dist', file)) as Record<string, new () => T>)[exported];
	return new Class();
}

export const builtPackage = {
	node: () => load<INodeType>('nodes/SmmPanel/SmmPanel.node.js', 'SmmPanel'),
	trigger: () => load<INodeType>('nodes/SmmPanel/SmmPanelTrigger.node.js', 'SmmPanelTrigger'),
	credential: () => load<ICredentialType>('credentials/SmmPanelApi.credentials.js', 'SmmPanelApi'),
};
