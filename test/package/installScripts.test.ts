/**
 * No dependency's install script runs in this repo, on npm 10 as on 11, while the repo's own hooks
 * do (prepack builds dist/ before `npm pack`). Shown with real npm installs of a dependency whose
 * preinstall would leave a mark, under a copy of the repo's .npmrc and script shell.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
let project: string;

const writeJson = (path: string, value: object) => writeFileSync(path, JSON.stringify(value));
const npm = (...args: string[]) =>
	// npm reads the script shell's folder from PWD, as a shell that `cd`s into the project sets it.
	execFileSync('npm', [...args, '--no-audit', '--no-fund'], { cwd: project, env: { ...process.env, PWD: project }, encoding: 'utf8', stdio: 'pipe' });

beforeAll(() => {
	project = mkdtempSync(join(tmpdir(), 'smm-panel-install-scripts-'));
	mkdirSync(join(project, 'scripts'));
	cpSync(join(root, '.npmrc'), join(project, '.npmrc'));
	cpSync(join(root, 'scripts', 'npm-script-shell.sh'), join(project, 'scripts', 'npm-script-shell.sh'));
	mkdirSync(join(project, 'dependency'));
	writeJson(join(project, 'dependency', 'package.json'), {
		name: 'dependency-with-install-script',
		version: '1.0.0',
		scripts: { preinstall: 'touch "$INIT_CWD/dependency-script-ran"', postinstall: 'touch "$INIT_CWD/dependency-script-ran"' },
	});
	writeJson(join(project, 'package.json'), {
		name: 'project',
		version: '1.0.0',
		files: ['built'],
		devDependencies: { 'dependency-with-install-script': 'file:dependency' },
		scripts: { prepack: 'mkdir -p built && touch built/index.js', hello: 'echo hello from the project' },
	});
}, 30_000);

afterAll(() => rmSync(project, { recursive: true, force: true }));

test('npm install does not run a dependency\'s preinstall or postinstall', () => {
	npm('install', '--install-links');
	expect(existsSync(join(project, 'node_modules', 'dependency-with-install-script', 'package.json'))).toBe(true);
	expect(existsSync(join(project, 'dependency-script-ran'))).toBe(false);
}, 60_000);

test('the project\'s own scripts run, and npm pack runs prepack, so the tarball holds the build', () => {
	expect(npm('run', 'hello')).toContain('hello from the project');
	const [{ files }] = JSON.parse(npm('pack', '--dry-run', '--json', '--foreground-scripts=false')) as Array<{ files: Array<{ path: string }> }>;
	expect(files.map(({ path }) => path)).toContain('built/index.js');
}, 60_000);
