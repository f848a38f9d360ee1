import { type DemoPanelOptions, startDemoPanel } from '../../demo/panel';

/** The child side of PanelProcess: runs the demo panel and answers the parent's commands. */
async function main() {
	const options = JSON.parse(process.argv[2] ?? '{}') as DemoPanelOptions;
	const panel = await startDemoPanel(options);
	process.send!({ url: panel.url, apiKey: panel.apiKey });

	const placeOne = async (index: number) => {
		const body = new URLSearchParams({ key: panel.apiKey, action: 'add', service: '1', link: `https://instagram.com/p/seed${index}`, quantity: '100' });
		const answer = (await (await fetch(panel.url, { method: 'POST', body })).json()) as { order: number };
		return String(answer.order);
	};

	process.on('message', async (message: { command: string; patch?: Partial<DemoPanelOptions>; count?: number; ms?: number }) => {
		if (message.command === 'stats') process.send!({ ...panel.stats, byAction: { ...panel.stats.byAction } });
		if (message.command === 'setOptions') {
			panel.setOptions(message.patch ?? {});
			process.send!('ok');
		}
		if (message.command === 'advance') {
			panel.advance(message.ms ?? 0);
			process.send!('ok');
		}
		if (message.command === 'seed') {
			const ids: string[] = [];
			for (let start = 0; start < (message.count ?? 0); start += 50) {
				const batch = Array.from({ length: Math.min(50, message.count! - start) }, (_, offset) => placeOne(start + offset));
				ids.push(...(await Promise.all(batch)));
			}
			process.send!(ids);
		}
	});
	process.once('SIGTERM', () => void panel.close().then(() => process.exit(0)));
}

void main();
