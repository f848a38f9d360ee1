import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core writes ~/.n8n/config on first use: give it a throwaway folder.
process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'smm-panel-test-'));

// n8n logs every node error; the tests assert on errors themselves. (The reliability suite sees
// every call to n8n's logger whatever the level, to check that none carries the API key.)
process.env.N8N_LOG_LEVEL ??= 'silent';
