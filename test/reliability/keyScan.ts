import http from 'node:http';
import https from 'node:https';

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

	/** Starts recording logs and request URLs. */
	start(): void {
		for (const stream of [process.stdout, process.stderr]) {
			const write = stream.write.bind(stream);
			stream.write = ((chunk: unknown, ...rest: unknown[]) => {
				this.logged.push(String(chunk));
				return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
			}) as typeof stream.write;
			this.restore.push(() => (stream.write = write));
		}
		for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
			const original = console[method];
			console[method] = (...args: unknown[]) => {
				this.logged.push(args.map((arg) => deepText(arg)).join(' '));
			};
			this.restore.push(() => (console[method] = original));
		}
		for (const module of [http, https]) {
			const request = module.request;
			module.request = ((...args: unknown[]) => {
				this.urls.push(deepText(args[0]));
				return (request as (...a: unknown[]) => http.ClientRequest)(...args);
			}) as typeof module.request;
			this.restore.push(() => (module.request = request));
		}
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

function deepText(value: unknown, seen = new Set<unknown>()): string {
	if (value === null || value === undefined) return '';
	if (typeof value !== 'object' && typeof value !== 'function') return String(value);
	if (seen.has(value)) return '';
	seen.add(value);
	if (value instanceof URL) return value.href;
	const parts: string[] = [];
	for (const key of Object.getOwnPropertyNames(value)) {
		if (key === 'agent' || key === 'socket' || key === '_events') continue;
		let property: unknown;
		try {
			property = (value as Record<string, unknown>)[key];
		} catch {
			continue;
		}
		if (typeof property === 'function') continue;
		parts.push(`${key}=${deepText(property, seen)}`);
	}
	return parts.join(' ');
}
