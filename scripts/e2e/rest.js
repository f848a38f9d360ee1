// n8n's REST API as the editor uses it: one session (cookie) per n8n, the owner logged in.
'use strict';

const OWNER = { email: 'e2e@example.com', password: 'E2e-Passw0rd-123' };

/** A session on the n8n at `base`: `call(method, path, body)` → { status, json }. */
function session(base) {
	let cookie = '';
	async function call(method, path, body) {
		const response = await fetch(`${base}/rest${path}`, {
			method,
			headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.get('set-cookie');
		if (setCookie) cookie = setCookie.split(';')[0];
		const text = await response.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = { raw: text };
		}
		return { status: response.status, json };
	}

	/** Sets up the owner on a fresh n8n, or logs in when that was done before. */
	async function login() {
		let owner = await call('POST', '/owner/setup', { ...OWNER, firstName: 'E2E', lastName: 'Owner' });
		if (owner.status !== 200) owner = await call('POST', '/login', { emailOrLdapLoginId: OWNER.email, ...OWNER });
		if (owner.status !== 200 || !cookie) throw new Error(`owner login: HTTP ${owner.status} ${JSON.stringify(owner.json).slice(0, 200)}`);
	}

	return { call, login };
}

module.exports = { session };
