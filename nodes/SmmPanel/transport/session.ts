import { Pacer } from './pacing';
import type { PanelContext } from './request';

/** What one execution of a node learns about its panel, for that execution only. */
export interface PanelSession {
	pacer: Pacer;
	/** The panel has answered JSON: an HTML page now is a passing one (maintenance, firewall). */
	answeredJson: boolean;
}

const sessions = new WeakMap<object, PanelSession>();

/**
 * n8n hands one node run a single IExecuteData, also to the per-item contexts of declarative
 * operations. A poller and a list search have only their context.
 */
function keyOf(context: PanelContext): object {
	return ('getExecuteData' in context ? context.getExecuteData() : undefined) ?? context;
}

export function sessionOf(context: PanelContext): PanelSession {
	let session = sessions.get(keyOf(context));
	if (!session) {
		session = { pacer: new Pacer(), answeredJson: false };
		sessions.set(keyOf(context), session);
	}
	return session;
}

/** n8n hands a poller the same context at every poll: each poll starts afresh. */
export function startSession(context: PanelContext): void {
	sessions.delete(keyOf(context));
}
