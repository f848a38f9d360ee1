import { config } from '@n8n/node-cli/eslint';

// n8n's community-node rules apply to what is published; the demo panel, scripts and tests
// are development tools that run outside n8n.
export default [{ ignores: ['dist/**', 'build/**', 'demo/**', 'scripts/**', 'test/**', 'jest.config.js', 'gulpfile.js'] }, ...config];
