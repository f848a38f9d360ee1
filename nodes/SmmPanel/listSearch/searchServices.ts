import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { PanelFailure, fetchServices, toNodeApiError } from '../transport';

/**
 * The service picker, searchable by name, category or id. A row reads "rate/1k · min–max · type —
 * name (#id)": the editor cuts long rows at the dropdown's width, so the facts a user picks by (and
 * the type that decides the Order Type) come first and stay visible.
 */
export async function searchServices(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	let services;
	try {
		services = await fetchServices.call(this);
	} catch (error) {
		throw error instanceof PanelFailure ? toNodeApiError(this.getNode(), error) : new NodeApiError(this.getNode(), { message: String(error) });
	}
	const query = (filter ?? '').trim().toLowerCase();
	const matches = services.filter(
		(service) =>
			query === '' ||
			[service.name, service.category, service.service].some((value) => String(value ?? '').toLowerCase().includes(query)),
	);
	return {
		results: matches.map((service) => ({
			name: `${String(service.rate)}/1k · ${String(service.min)}–${String(service.max)} · ${String(service.type)} — ${String(service.name)} (#${String(service.service)})`,
			value: String(service.service),
		})),
	};
}
