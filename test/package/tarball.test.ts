/**
 * What `npm pack` and `npm publish` ship. Packed the way a fresh clone packs it: from a copy of the
 * sources with no dist/, under the project's .npmrc, so only prepack can build what goes in.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, relative } from 'node:path';

const root = join(__dirname, '..', '..');
// What a fresh clone does not have yet: installed, built and packed files.
const notInAClone = (path: string) => ['node_modules', 'dist', 'build', '.git'].includes(path.split('/')[0]) || path.endsWith('.tgz');

let work: string;
let packed: string[];

beforeAll(() => {
	work = mkdtempSync(join(tmpdir(), 'smm-panel-pack-'));
	const clone = join(work, 'clone');
	cpSync(root, clone, { recursive: true, filter: (source) => !notInAClone(relative(root, source)) });
	symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'), 'dir');
	// Background scripts keep prepack's build output out of the JSON (and show it if the build fails).
	const output = execFileSync('npm', ['pack', '--json', '--foreground-scripts=false', '--pack-destination', work], {
		cwd: clone,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const [{ files }] = JSON.parse(output) as Array<{ files: Array<{ path: string }> }>;
	packed = files.map(({ path }) => path).sort();
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

test('the tarball holds the built nodes, the credential, codex files, both icons, README, LICENSE and package.json', () => {
	expect(packed).toEqual(
		expect.arrayContaining([
			'dist/credentials/SmmPanelApi.credentials.js',
			'dist/nodes/SmmPanel/SmmPanel.node.js',
			'dist/nodes/SmmPanel/SmmPanel.node.json',
			'dist/nodes/SmmPanel/SmmPanelTrigger.node.js',
			'dist/nodes/SmmPanel/SmmPanelTrigger.node.json',
			'dist/nodes/SmmPanel/smmPanel.svg',
			'dist/nodes/SmmPanel/smmPanel.dark.svg',
			'LICENSE',
			'README.md',
			'package.json',
		]),
	);
});

test('and nothing else: one compiled module per source file, no sources, maps, tests or demo', () => {
	const sourceFiles = ['nodes', 'credentials'].flatMap((dir) =>
		readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' }).map((file) => posix.join(dir, file.split('\\').join('/'))),
	);
	const built = [
		...sourceFiles.filter((file) => file.endsWith('.ts')).map((file) => `dist/${file.replace(/\.ts$/, '.js')}`),
		...sourceFiles.filter((file) => /\.(svg|png|node\.json)$/.test(file)).map((file) => `dist/${file}`),
	];
	expect(packed).toEqual([...built, 'LICENSE', 'README.md', 'package.json'].sort());
});
