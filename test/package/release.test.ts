/**
 * What a release needs and GitHub alone can run: the two workflows (parsed here, their shell steps run
 * here with stand-ins), the license and the changelog entry of package.json's version.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';

const root = join(__dirname, '..', '..');
const packageJson = require(join(root, 'package.json')) as {
	version: string;
	license: string;
};

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, string | number | boolean>;
	env?: Record<string, string>;
}
interface Job {
	'runs-on': string;
	'timeout-minutes': number;
	environment?: string;
	permissions?: Record<string, string>;
	strategy?: { matrix: { include: Array<Record<string, string | number>> } };
	steps: Step[];
}
interface Workflow {
	on: Record<string, { branches?: string[]; tags?: string[] } | null>;
	permissions: Record<string, string>;
	jobs: Record<string, Job>;
}

const workflowText = (name: string) => readFileSync(join(root, '.github/workflows', name), 'utf8');
// The helpers below run while jest collects the tests: they throw rather than expect.
const loadWorkflow = (name: string) => {
	const document = parseDocument(workflowText(name), { uniqueKeys: true });
	const problems = [...document.errors, ...document.warnings];
	if (problems.length > 0) throw new Error(`${name} is not valid YAML:\n${problems.join('\n')}`);
	return document.toJS() as Workflow;
};
const onlyJob = (workflow: Workflow) => {
	const jobs = Object.values(workflow.jobs);
	if (jobs.length !== 1) throw new Error(`expected one job, found ${jobs.length}`);
	return jobs[0];
};
const stepRunning = (job: Job, command: string) => {
	const index = job.steps.findIndex((step) => step.run?.includes(command));
	if (index < 0) throw new Error(`no step runs ${command}`);
	return { index, step: job.steps[index] };
};
const npmInstalled = (job: Job) => /npm install -g npm@(\d+\.\d+\.\d+)/.exec(stepRunning(job, 'npm install -g npm@').step.run!)![1];
const atLeast = (version: string, minimum: string) => {
	const [a, b] = [version, minimum].map((v) => v.split('.').map(Number));
	const difference = a.map((part, i) => part - b[i]).find((d) => d !== 0);
	return (difference ?? 0) >= 0;
};
// Runs a workflow's shell step in bash, as GitHub does, with `npm` replaced by a stand-in that prints
// its arguments.
const runStep = (script: string, cwd: string, env: Record<string, string>) => {
	const bin = mkdtempSync(join(tmpdir(), 'smm-panel-step-'));
	try {
		writeFileSync(join(bin, 'npm'), '#!/bin/sh\necho "npm $*"\n');
		chmodSync(join(bin, 'npm'), 0o755);
		return spawnSync('bash', ['-e', '-o', 'pipefail', '-c', script], {
			cwd,
			env: { ...process.env, ...env, PATH: `${bin}:${process.env.PATH}` },
			encoding: 'utf8',
		});
	} finally {
		rmSync(bin, { recursive: true, force: true });
	}
};

describe('ci.yml', () => {
	const workflow = loadWorkflow('ci.yml');
	const job = onlyJob(workflow);

	test('runs on every push to a branch and every pull request, reading the repository only', () => {
		expect(workflow.on.push).toEqual({ branches: ['**'] });
		expect(workflow.on).toHaveProperty('pull_request');
		expect(workflow.permissions).toEqual({ contents: 'read' });
	});

	test('runs bash .ci/run with CI=true on ubuntu-latest within the 90 minutes CI has', () => {
		expect(job['runs-on']).toBe('ubuntu-latest');
		expect(job['timeout-minutes']).toBeLessThanOrEqual(90);
		const { step } = stepRunning(job, 'bash .ci/run');
		expect(step.env).toEqual({ CI: 'true', E2E_LINES: '${{ matrix.e2e-lines }}', E2E_SMOKE: '${{ matrix.e2e-smoke }}' });
	});

	test('covers Node 20 and 22 with n8n 1.x (e2e line 1) and Node 24 with n8n 2.x (e2e line 2), each line once per Node', () => {
		const matrix = job.strategy!.matrix.include.map(({ node, n8n, 'e2e-lines': lines }) => [node, n8n, lines]);
		expect(matrix).toEqual([
			[20, '1.x', '1'],
			[22, '1.x', '1'],
			[24, '2.x', '2'],
		]);
		expect(job.steps.find((step) => step.uses?.startsWith('actions/setup-node@'))?.with?.['node-version']).toBe('${{ matrix.node }}');
	});

	test('runs on the npm each Node version ships, as contributors do (npm 10 on Node 20 and 22)', () => {
		expect(job.steps.some((step) => step.run?.includes('npm install -g npm'))).toBe(false);
	});
});

describe('publish.yml', () => {
	const workflow = loadWorkflow('publish.yml');
	const job = onlyJob(workflow);
	const tagCheck = stepRunning(job, 'GITHUB_REF_NAME');
	const checks = stepRunning(job, 'bash .ci/run');
	const publish = stepRunning(job, 'npm publish');

	test('runs on version tags only', () => {
		expect(workflow.on).toEqual({ push: { tags: ['v[0-9]+.[0-9]+.[0-9]+*'] } });
	});

	test('may mint an OIDC token (trusted publishing, provenance) and read the repository, nothing more', () => {
		expect(workflow.permissions).toEqual({ contents: 'read' });
		expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
		expect(job.environment).toBe('npm');
	});

	test('checks the tag, then runs the checks and tests, then publishes, in that order', () => {
		expect(tagCheck.index).toBeLessThan(checks.index);
		expect(checks.index).toBeLessThan(publish.index);
		// GitHub sets CI=true; .ci/run would add the e2e run, which ci.yml does.
		expect(checks.step.env).toEqual({ CI: 'false' });
	});

	test('refuses a tag that is not package.json\'s version, and passes the one that is', () => {
		const wrong = runStep(tagCheck.step.run!, root, { GITHUB_REF_NAME: 'v99.0.0' });
		expect(wrong.status).toBe(1);
		expect(wrong.stdout).toContain(`does not match package.json's version ${packageJson.version}`);
		expect(runStep(tagCheck.step.run!, root, { GITHUB_REF_NAME: packageJson.version }).status).toBe(1);
		expect(runStep(tagCheck.step.run!, root, { GITHUB_REF_NAME: `v${packageJson.version}` }).status).toBe(0);
	});

	test('publishes with provenance and public access, a prerelease under the next dist-tag', () => {
		const published = (version: string) => {
			const dir = mkdtempSync(join(tmpdir(), 'smm-panel-publish-'));
			try {
				writeFileSync(join(dir, 'package.json'), JSON.stringify({ version }));
				return runStep(publish.step.run!, dir, {}).stdout.trim();
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		};
		expect(published('1.2.3')).toBe('npm publish --provenance --access public --tag latest');
		expect(published('1.3.0-rc.1')).toBe('npm publish --provenance --access public --tag next');
	});

	test('authenticates with npm trusted publishing, the NPM_TOKEN secret only as a fallback', () => {
		const setupNode = job.steps.find((step) => step.uses?.startsWith('actions/setup-node@'))!;
		expect(setupNode.with).toMatchObject({ 'registry-url': 'https://registry.npmjs.org', 'package-manager-cache': false });
		// Trusted publishing needs Node 22.14+ and npm 11.5.1+.
		expect(Number(setupNode.with!['node-version'])).toBeGreaterThanOrEqual(24);
		expect(atLeast(npmInstalled(job), '11.5.1')).toBe(true);
		expect(publish.step.env).toEqual({ NODE_AUTH_TOKEN: '${{ secrets.NPM_TOKEN }}' });
		expect(workflowText('publish.yml')).toMatch(/Trusted publishing/);
	});
});

test('every action in both workflows is pinned to a full commit SHA, the version in a comment', () => {
	for (const name of ['ci.yml', 'publish.yml']) {
		const uses = Object.values(loadWorkflow(name).jobs).flatMap((job) => job.steps.flatMap((step) => (step.uses ? [step.uses] : [])));
		const pinnedLines = workflowText(name).match(/^\s*(?:- )?uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/gm) ?? [];
		expect(uses.length).toBeGreaterThan(0);
		expect(pinnedLines).toHaveLength(uses.length);
	}
});

test('LICENSE is the MIT license package.json names', () => {
	expect(packageJson.license).toBe('MIT');
	expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} /);
});

test('CHANGELOG.md has an Unreleased section on top and an entry for package.json\'s version', () => {
	const headings = readFileSync(join(root, 'CHANGELOG.md'), 'utf8').match(/^## .*$/gm) ?? [];
	expect(headings[0]).toBe('## [Unreleased]');
	expect(headings).toContainEqual(expect.stringMatching(new RegExp(`^## \\[${packageJson.version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`)));
});
