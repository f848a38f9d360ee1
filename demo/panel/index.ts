import { PanelRuntime } from './runtime';
import { startPanelServer } from './server';
import type { DemoPanel, DemoPanelOptions, FaultPlan } from './types';

/**
 * A local SMM panel speaking "API v2", for demos and tests of clients: realistic services, orders that
 * progress with (simulated) time, the answer shapes of several real panels, and injectable faults.
 */

export type { DemoPanel, DemoPanelOptions, DemoPanelStats, DialectName, FaultKind, FaultPlan, OverlappingAdds, RateLimitStyle } from './types';
export { RATE_LIMIT_STYLES } from './rateLimit';
export { CATALOG, ORDER_TYPES } from './catalog';
export type { CatalogService, OrderType } from './catalog';
export type { TakenOrder } from './orders';
export { DEFAULT_API_KEY, DEFAULT_PATH, TAKEN_ORDERS_PATH } from './runtime';
export { DIALECT_NAMES } from './dialects';

export async function startDemoPanel(options: DemoPanelOptions = {}): Promise<DemoPanel> {
	const runtime = new PanelRuntime(options);
	const server = await startPanelServer(runtime, options.port ?? 0);
	return {
		get url() {
			return `http://127.0.0.1:${server.port}${runtime.path}`;
		},
		get apiKey() {
			return runtime.apiKey;
		},
		stats: runtime.stats,
		setOptions: (patch: Partial<DemoPanelOptions>) => runtime.setOptions(patch),
		setFaults: (faults: FaultPlan[]) => runtime.setFaults(faults),
		advance: (ms: number) => runtime.advance(ms),
		close: () => server.close(),
	};
}
