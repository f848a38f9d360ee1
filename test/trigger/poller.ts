import type { INodeParameters } from 'n8n-workflow';

import { createPoller } from '../../demo/engine';
import type { DemoPanel } from '../../demo/panel';
import { SmmPanelApi } from '../../credentials/SmmPanelApi.credentials';
import { SmmPanelTrigger } from '../../nodes/SmmPanel/SmmPanelTrigger.node';

/** The trigger polling a panel through n8n-core's PollContext, failing fast on outages. */
export function triggerOn(panel: { url: string; apiKey: string } | DemoPanel, parameters: INodeParameters, pollBudgetMs?: number | null) {
	return createPoller({
		node: new SmmPanelTrigger(),
		credentialType: new SmmPanelApi(),
		credentials: { url: panel.url, apiKey: panel.apiKey },
		parameters: { additionalFields: { maxAttempts: 1 }, ...parameters },
		pollBudgetMs,
	});
}

export const orderIdsOf = (items: Array<{ json: Record<string, unknown> }> | null) =>
	(items ?? []).map((item) => String(item.json.order)).sort();
