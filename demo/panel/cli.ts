/**
 * Starts the demo panel from the command line:
 *   node build/demo/panel/cli.js
 * Environment: PANEL_PORT (default 8787), PANEL_DIALECT (standard, seed000 ... seed004),
 * PANEL_LATENCY_MS, PANEL_RATE_LIMIT (requests per second), PANEL_RATE_LIMIT_STYLE (bucket, window,
 * plain), PANEL_OVERLAPPING_ADDS (take, loseAnswer: two adds at once lose one answer), PANEL_API_KEY, PANEL_TIME_SCALE, PANEL_STATS_PATH (a GET there answers the panel's counters as JSON).
 */
import {
	DIALECT_NAMES,
	type DemoPanelOptions,
	type DialectName,
	type OverlappingAdds,
	RATE_LIMIT_STYLES,
	type RateLimitStyle,
	startDemoPanel,
	TAKEN_ORDERS_PATH,
} from './index';

const DEFAULT_PORT = 8787;

function numberFromEnv(name: string): number | undefined {
	const raw = process.env[name];
	if (raw === undefined || raw.trim() === '') return undefined;
	const value = Number(raw);
	if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number >= 0, got "${raw}"`);
	return value;
}

function choiceFromEnv<T extends string>(name: string, choices: readonly T[]): T | undefined {
	const value = process.env[name]?.trim() || undefined;
	if (value !== undefined && !choices.includes(value as T)) {
		throw new Error(`${name} must be one of ${choices.join(', ')}, got "${value}"`);
	}
	return value as T | undefined;
}

function optionsFromEnv(): DemoPanelOptions {
	return {
		port: numberFromEnv('PANEL_PORT') ?? DEFAULT_PORT,
		dialect: choiceFromEnv<DialectName>('PANEL_DIALECT', DIALECT_NAMES),
		latencyMs: numberFromEnv('PANEL_LATENCY_MS'),
		rateLimitPerSecond: numberFromEnv('PANEL_RATE_LIMIT'),
		rateLimitStyle: choiceFromEnv<RateLimitStyle>('PANEL_RATE_LIMIT_STYLE', RATE_LIMIT_STYLES),
		timeScale: numberFromEnv('PANEL_TIME_SCALE'),
		overlappingAdds: choiceFromEnv<OverlappingAdds>('PANEL_OVERLAPPING_ADDS', ['take', 'loseAnswer']),
		apiKey: process.env.PANEL_API_KEY?.trim() || undefined,
		statsPath: process.env.PANEL_STATS_PATH?.trim() || undefined,
	};
}

function box(lines: string[]): string {
	const width = Math.max(...lines.map((line) => line.length));
	const border = '─'.repeat(width + 2);
	return [`┌${border}┐`, ...lines.map((line) => `│ ${line.padEnd(width)} │`), `└${border}┘`].join('\n');
}

async function main(): Promise<void> {
	const options = optionsFromEnv();
	const panel = await startDemoPanel(options);
	console.log(
		box([
			'Demo SMM panel (API v2) is running',
			'',
			`URL:      ${panel.url}`,
			`API key:  ${panel.apiKey}`,
			`Dialect:  ${options.dialect ?? 'standard'}`,
			`Latency:  ${options.latencyMs ?? 0} ms`,
			`Limit:    ${options.rateLimitPerSecond ? `${options.rateLimitPerSecond} requests/s (${options.rateLimitStyle ?? 'bucket'})` : 'none'}`,
			`Taken:    GET ${new URL(TAKEN_ORDERS_PATH, panel.url).href} (every order placed)`,
			'',
			'Press Ctrl-C to stop.',
		]),
	);

	let stopping = false;
	const stop = (signal: NodeJS.Signals) => {
		if (stopping) return;
		stopping = true;
		const { requests, ordersPlaced } = panel.stats;
		console.log(`\n${signal}: stopping after ${requests} requests and ${ordersPlaced} orders.`);
		panel.close().then(
			() => process.exit(0),
			(error: Error) => {
				console.error(error);
				process.exit(1);
			},
		);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
	console.error(`Demo panel could not start: ${error.message}`);
	process.exit(1);
});
