import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core writes ~/.n8n/config on first use: give it a throwaway folder.
process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'smm-panel-test-'));
