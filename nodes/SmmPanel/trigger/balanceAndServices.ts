import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/** lowBalance: fire once on the way down; arm again once the balance is back at or above. */
export function checkBalance(
	armed: boolean,
	balance: IDataObject,
	threshold: number,
): { emit: INodeExecutionData[]; armed: boolean } {
	const amount = Number(balance.balance);
	if (amount >= threshold) return { emit: [], armed: true };
	if (!armed) return { emit: [], armed: false };
	return { emit: [{ json: { event: 'lowBalance', ...balance, balance: amount, threshold } }], armed: false };
}

/** servicesChanged remembers each service's rate and name: id → [rate, name]. */
export type ServiceMemory = Record<string, [number, string]>;

export function rememberServices(services: IDataObject[]): ServiceMemory {
	const memory: ServiceMemory = {};
	for (const service of services) memory[String(service.service)] = [Number(service.rate), String(service.name ?? '')];
	return memory;
}

/** Added, removed and re-priced services since the last poll, one item each. */
export function diffServices(previous: ServiceMemory, services: IDataObject[]): INodeExecutionData[] {
	const emit: INodeExecutionData[] = [];
	const current = rememberServices(services);
	for (const service of services) {
		const id = String(service.service);
		const before = previous[id];
		if (!before) emit.push({ json: { event: 'servicesChanged', change: 'added', ...service } });
		else if (before[0] !== Number(service.rate)) {
			emit.push({ json: { event: 'servicesChanged', change: 'rateChanged', ...service, previousRate: before[0] } });
		}
	}
	for (const [id, [rate, name]] of Object.entries(previous)) {
		if (!current[id]) emit.push({ json: { event: 'servicesChanged', change: 'removed', service: Number.isNaN(Number(id)) ? id : Number(id), name, rate } });
	}
	return emit;
}
