import diagnostics from 'node:diagnostics_channel';
import { dirname } from 'node:path';
import { inspect } from 'node:util';

const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
type LogMethod = (message: string, metadata?: unknown) => void;

/** n8n's Logger, the one n8n-core (and so every node context) logs through. */
const coreDir = dirname(require.resolve('n8n-core/package.json'));
const fromCore = (name: string) => require(require.resolve(name, { paths: [coreDir] })) as Record<string, unknown>;
type LoggerClass = { prototype: Record<(typeof LOG_LEVELS)[number], LogMethod> };
export const n8nLogger = fromCore('@n8n/backend-common').Logger as unknown as LoggerClass;

/** The logger instance n8n-core hands out, as a node's `this.logger` is. */
export function coreLogger(): Record<(typeof LOG_LEVELS)[number], LogMethod> {
	const { Container } = fromCore('@n8n/di') as unknown as { Container: { get(type: unknown): never } };
	return Container.get(n8nLogger);
}

/**
 * Everything a run could leak the API key through: the output, the error with its whole cause
 * chain (enumerable or not), what was logged, and the URLs requested.
 */
export class KeyScan {
	places: string[] = [];
	private logged: string[] = [];
	private urls: string[] = [];
	private restore: Array<() => void> = [];

	constructor(private readonly key: string) {}

	/** Starts recording what n8n logs, what is written to stdout/stderr, and the URLs requested. */
	start(): void {
		for (const stream of [process.stdout, process.stderr]) {
			const write = stream.write.bind(stream);
			stream.write = ((chunk: unknown, ...rest: unknown[]) => {
				this.logged.push(String(chunk));
				return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
			}) as typeof stream.write;
			this.restore.push(() => (stream.write = write));
		}
		for (const level of LOG_LEVELS) {
			const original = n8nLogger.prototype[level];
			const scan = this;
			n8nLogger.prototype[level] = function (this: unknown, message: string, metadata?: unknown) {
				scan.logged.push(`${message} ${deepText(metadata)}`);
				return original.call(this, message, metadata);
			};
			this.restore.push(() => (n8nLogger.prototype[level] = original));
		}
		// Node reports every outgoing request here, whatever library sent it.
		const onRequest = (message: unknown) => {
			const { request } = message as { request: { host?: string; path?: string } };
			this.urls.push(`${request.host ?? ''}${request.path ?? ''}`);
		};
		diagnostics.subscribe('http.client.request.start', onRequest);
		this.restore.push(() => diagnostics.unsubscribe('http.client.request.start', onRequest));
	}

	stop(): void {
		this.restore.reverse().forEach((undo) => undo());
		this.restore = [];
		this.check('logs', this.logged.join('\n'));
		this.check('request URLs', this.urls.join('\n'));
		this.logged = [];
		this.urls = [];
	}

	/** Looks for the key in `value`, walking every property and the cause chain. */
	check(where: string, value: unknown): void {
		if (deepText(value).includes(this.key)) this.places.push(where);
	}
}

/** Everything in `value`, hidden properties and the cause chain included, without running getters. */
function deepText(value: unknown): string {
	if (typeof value === 'string') return value;
	return inspect(value, { showHidden: true, depth: 12, getters: false, maxArrayLength: null, maxStringLength: null, breakLength: Infinity });
}
