import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core writes its config under the user folder on first use: keep it out of the real home.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'smm-panel-n8n-'));

export { runNode, type NodeRun, type RunNodeOptions } from './runNode';
export { runTool, type RunToolOptions, type ToolAnswer, type ToolPath, type ToolRun } from './runTool';
export { createPoller, type Poller, type PollerOptions } from './poll';
export { type PanelCredentials } from './workflow';
export { testCredential, type CredentialTestResult } from './credentialTest';
export { deduplicationStore, storeBytes } from './deduplicationStore';
