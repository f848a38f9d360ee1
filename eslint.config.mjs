// n8n's own community-node lint config (`n8n-node lint`, @n8n/node-cli), import plugin included, plus
// one change: the demo panel, scripts and tests are not n8n nodes and run outside n8n, so n8n's node
// rules (no timers, no process, no console...) do not apply to them. That change is why package.json
// says "strict": false: strict mode accepts only n8n's file word for word, which lints every folder.
import { config } from '@n8n/node-cli/eslint';
import { globalIgnores } from 'eslint/config';

export default [
	globalIgnores(['build/**', 'demo/**', 'scripts/**', 'test/**', 'jest*.config.js', 'gulpfile.js']),
	...config,
];
