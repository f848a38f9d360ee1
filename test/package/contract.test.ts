/**
 * What n8n loads: the files package.json names, built in dist/, exporting the classes and the
 * names users' saved workflows store (test/fixtures/contract.md, the team's ../shared/contract.md kept in
 * the repo so a clone anywhere can check against it). `npm test` builds first.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const packageJson = require(join(root, 'package.json')) as {
	name: string;
	files: string[];
	keywords: string[];
	dependencies?: object;
	peerDependencies: Record<string, string>;
	n8n: { credentials: string[]; nodes: string[] };
};

const load = (file: string, exported: string) => {
	const Class = (require(join(root, file)) as Record<string, new () => { description?: { name: string }; name?: string }>)[exported];
	return new Class();
};

test('package.json is a community node package with no runtime dependencies', () => {
	expect(packageJson.name).toBe('n8n-nodes-smm-panel');
	expect(packageJson.keywords).toContain('n8n-community-node-package');
	expect(packageJson.files).toEqual(['dist']);
	expect(packageJson.dependencies ?? {}).toEqual({});
	expect(packageJson.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	expect(packageJson.n8n.credentials).toEqual(['dist/credentials/SmmPanelApi.credentials.js']);
	expect(packageJson.n8n.nodes).toEqual(['dist/nodes/SmmPanel/SmmPanel.node.js', 'dist/nodes/SmmPanel/SmmPanelTrigger.node.js']);
});

test('dist/ holds the credential and both nodes under the contract\'s names, with their icons', () => {
	expect(load('dist/credentials/SmmPanelApi.credentials.js', 'SmmPanelApi').name).toBe('smmPanelApi');
	expect(load('dist/nodes/SmmPanel/SmmPanel.node.js', 'SmmPanel').description?.name).toBe('smmPanel');
	expect(load('dist/nodes/SmmPanel/SmmPanelTrigger.node.js', 'SmmPanelTrigger').description?.name).toBe('smmPanelTrigger');
	for (const icon of ['smmPanel.svg', 'smmPanel.dark.svg', 'SmmPanel.node.json', 'SmmPanelTrigger.node.json']) {
		expect(existsSync(join(root, 'dist/nodes/SmmPanel', icon))).toBe(true);
	}
});

const teamContract = join(root, '..', 'shared', 'contract.md');
// Only where the team's copy sits beside the repo (our machines, CI); a clone elsewhere has just ours.
(existsSync(teamContract) ? test : test.skip)('the repo\'s contract is the team\'s, word for word', () => {
	expect(readFileSync(join(root, 'test/fixtures/contract.md'), 'utf8')).toBe(readFileSync(teamContract, 'utf8'));
});
