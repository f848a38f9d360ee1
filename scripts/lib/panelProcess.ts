import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';

import type { DemoPanelOptions, DemoPanelStats } from '../../demo/panel';

type Command = { command: 'stats' } | { command: 'setOptions'; patch: Partial<DemoPanelOptions> } | { command: 'seed'; count: number } | { command: 'advance'; ms: number };

/**
 * The demo panel in a child process, so thousands of client and server sockets do not share
 * one process's file descriptors, and the panel's work does not slow the node being measured.
 */
export class PanelProcess {
	private constructor(
		private readonly child: ChildProcess,
		readonly url: string,
		readonly apiKey: string,
	) {}

	static async start(options: DemoPanelOptions): Promise<PanelProcess> {
		const child = fork(join(__dirname, 'panelChild.js'), [JSON.stringify(options)], { stdio: 'inherit' });
		const { url, apiKey } = await new Promise<{ url: string; apiKey: string }>((resolve, reject) => {
			child.once('message', (message) => resolve(message as { url: string; apiKey: string }));
			child.once('error', reject);
		});
		return new PanelProcess(child, url, apiKey);
	}

	private async ask<T>(command: Command): Promise<T> {
		return await new Promise<T>((resolve) => {
			this.child.once('message', (message) => resolve(message as T));
			this.child.send(command);
		});
	}

	async stats(): Promise<DemoPanelStats> {
		return await this.ask<DemoPanelStats>({ command: 'stats' });
	}

	async setOptions(patch: Partial<DemoPanelOptions>): Promise<void> {
		await this.ask({ command: 'setOptions', patch });
	}

	/** Places `count` orders (fast, no latency) and returns their ids. */
	async seed(count: number): Promise<string[]> {
		return await this.ask<string[]>({ command: 'seed', count });
	}

	async advance(ms: number): Promise<void> {
		await this.ask({ command: 'advance', ms });
	}

	stop(): void {
		this.child.kill('SIGTERM');
	}
}
