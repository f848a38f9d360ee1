import { SmmPanelApi } from '../../credentials/SmmPanelApi.credentials';
import { type DemoPanel, type DemoPanelOptions, startDemoPanel } from '../../demo/panel';
import { SmmPanel } from '../../nodes/SmmPanel/SmmPanel.node';

/** A demo panel whose clock only moves when the test says so. */
export async function frozenPanel(options: DemoPanelOptions = {}): Promise<DemoPanel> {
	return await startDemoPanel({ timeScale: 0, ...options });
}

/** Places `count` default orders straight through the panel's API; returns their ids. */
export async function placeOrders(panel: DemoPanel, count: number, quantity = 100): Promise<string[]> {
	const ids: string[] = [];
	for (let index = 0; index < count; index++) {
		const body = new URLSearchParams({
			key: panel.apiKey,
			action: 'add',
			service: '1',
			link: `https://instagram.com/p/test${index}`,
			quantity: String(quantity),
		});
		const answer = (await (await fetch(panel.url, { method: 'POST', body })).json()) as { order: number };
		ids.push(String(answer.order));
	}
	return ids;
}

export async function panelCall(panel: DemoPanel, fields: Record<string, string>): Promise<unknown> {
	const body = new URLSearchParams({ key: panel.apiKey, ...fields });
	return await (await fetch(panel.url, { method: 'POST', body })).json();
}

/** The SMM Panel node with a credential for `panel`, as runNode and runTool take them. */
export function panelNode(panel: DemoPanel) {
	return { node: new SmmPanel(), credentialType: new SmmPanelApi(), credentials: { url: panel.url, apiKey: panel.apiKey } };
}
