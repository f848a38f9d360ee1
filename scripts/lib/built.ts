import { join } from 'node:path';
import type { ICredentialType, INodeType } from 'n8n-workflow';

/** A package as n8n loads it: the compiled files in `<root>/dist` (run `npm run build` first). */
export function packageAt(root: string) {
	const load = <T>(file: string, exported: string): T => {
		const Class = (require(join(root, 'dist', file)) as Record<string, new () => T>)[exported];
		return new Class();
	};
	return {
		node: () => load<INodeType>('nodes/SmmPanel/SmmPanel.node.js', 'SmmPanel'),
		trigger: () => load<INodeType>('nodes/SmmPanel/SmmPanelTrigger.node.js', 'SmmPanelTrigger'),
		credential: () => load<ICredentialType>('credentials/SmmPanelApi.credentials.js', 'SmmPanelApi'),
	};
}

/** This package. */
export const builtPackage = packageAt(join(__dirname, '..', '..', '..'));
