import { Pacer } from './pacing';
import type { PanelContext } from './request';

/** What one execution of a node learns about its panel, for that execution only. */
export interface PanelSession {
	pacer: Pacer;
	/** The panel has answered JSON: an HTML page now is a passing one (maintenance, firewall). */
	answeredJson: boolean;
}

const sessions = new WeakMap<object, PanelSession>();

export function sessionOf(context: PanelContext): PanelSession {
	// n8n hands one node run a single IExecuteData, also to the per-item contexts of declarative
	// operations; polls and list searches have a context of their own per call.
	const key: object = ('getExecuteData' in context ? context.getExecuteData() : undefined) ?? context;
	let session = sessions.get(key);
	if (!session) {
		session = { pacer: new Pacer(), answeredJson: false };
		sessions.set(key, session);
	}
	return session;
}
