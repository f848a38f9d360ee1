import type { IExecuteFunctions } from 'n8n-workflow';

import { panelApiUrl } from '../../../credentials/SmmPanelApi.credentials';
import { CREDENTIAL_TYPE } from './request';

/** The panel's site, where the user sees its order list: the API URL without its path. */
async function panelSite(context: IExecuteFunctions): Promise<string> {
	const url = panelApiUrl(await context.getCredentials(CREDENTIAL_TYPE));
	try {
		return new URL(url).origin;
	} catch {
		return 'the panel';
	}
}

/**
 * What to tell the user about orders whose answers were lost: per item, where to look; for the
 * run, how many, in the node's output hint so a bulk run shows it at a glance.
 */
export async function inDoubtAdvice(context: IExecuteFunctions) {
	const site = await panelSite(context);
	return {
		item: `The order may have been placed although its answer was lost, so it was not sent again. Look for it in the order list on ${site} (Orders: same link, service and quantity) before placing it again.`,
		hint: (count: number, total: number) => {
			if (count === 0 || typeof context.addExecutionHints !== 'function') return;
			context.addExecutionHints({
				type: 'warning',
				location: 'outputPane',
				message: `${count} of ${total} orders may have been placed although their answers were lost (see the items with "uncertain"): check them in the order list on ${site} before placing them again.`,
			});
		},
	};
}
