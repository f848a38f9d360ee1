// npm run scan: n8n's verification scanner on the package exactly as npm would publish it
// (`npm pack`, whose prepack builds dist/, unpacked), offline.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { analyzePackage } from '@n8n/scan-community-package/scanner/scanner.mjs';

const workDir = mkdtempSync(join(tmpdir(), 'smm-panel-scan-'));
try {
	const [{ filename, files }] = JSON.parse(
		// prepack's build runs in the background so that its output stays out of the JSON.
		execFileSync('npm', ['pack', '--json', '--foreground-scripts=false', '--pack-destination', workDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
	);
	execFileSync('tar', ['-xzf', join(workDir, filename), '-C', workDir]);
	const result = await analyzePackage(join(workDir, 'package'));
	console.log(`scanned ${files.length} files of ${filename}: ${result.passed ? 'passed' : `FAILED: ${result.message}`}`);
	if (!result.passed) {
		console.log(result.details ?? result.error ?? '');
		process.exitCode = 1;
	}
} finally {
	rmSync(workDir, { recursive: true, force: true });
}
