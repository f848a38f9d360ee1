#!/usr/bin/env node
// The editor in Chromium, as a new user meets the package: owner setup, the node panel, a credential
// and its Test, every operation's fields, every order type's fields, the Service list, Execute step
// and the trigger's Fetch Test Event. Prints PASS / FAIL lines (run.sh counts them) and saves
// screenshots into the output folder.
//
//   node browser.js   env: E2E_BASE (n8n), E2E_PANEL_URL, E2E_PANEL_KEY, E2E_LINE, E2E_OUT (folder),
//                          E2E_CONTRACT (contract.md), E2E_TRIGGER_WORKFLOW (id of the imported trigger workflow)
'use strict';

const http = require('node:http');
const path = require('node:path');
const { isDeepStrictEqual } = require('node:util');
const { chromium } = require('playwright-core');

const { readContract } = require('./contract');
const ui = require('./ui');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const env = (name) => {
	if (!process.env[name]) throw new Error(`${name} is not set`);
	return process.env[name];
};
const BASE = env('E2E_BASE');
const PANEL_URL = env('E2E_PANEL_URL');
const PANEL_KEY = env('E2E_PANEL_KEY');
const LINE = env('E2E_LINE');
const OUT = env('E2E_OUT');
const TRIGGER_WORKFLOW = env('E2E_TRIGGER_WORKFLOW');
const contract = readContract(env('E2E_CONTRACT'));
const LOGIN = { email: 'e2e@example.com', password: 'E2e-Passw0rd-123' };
// Generous for a 2-core machine shared with others, but bounded.
const STEP_MS = 30_000;
const EXECUTE_MS = 60_000;

// Display names and option names come from the built node: they drive the clicks. What the editor
// shows is always read from the page.
const { SmmPanel } = require(path.join(ROOT, 'dist/nodes/SmmPanel/SmmPanel.node.js'));
const { SmmPanelTrigger } = require(path.join(ROOT, 'dist/nodes/SmmPanel/SmmPanelTrigger.node.js'));
const description = new SmmPanel().description;
const triggerEvents = new SmmPanelTrigger().description.properties.find((p) => p.name === 'event').options;
const property = (name, resource, operation) =>
	description.properties.find(
		(p) =>
			p.name === name &&
			(!resource || !p.displayOptions?.show?.resource || p.displayOptions.show.resource.includes(resource)) &&
			(!operation || !p.displayOptions?.show?.operation || p.displayOptions.show.operation.includes(operation)),
	);
const optionName = (prop, value) => prop.options.find((option) => option.value === value)?.name;
const createFields = property('additionalFields', 'order', 'create').options;
const OPTIONAL_ORDER_FIELDS = new Set(Object.values(contract.orderTypes).flatMap((type) => type.optional));
/** Parameters n8n shows on every node of this kind, or the editor adds itself. */
const FRAME = new Set(['resource', 'operation', 'additionalFields', 'requestOptions']);
/** n8n's own Poll Times on every polling trigger, and the fields inside it. */
const POLL_TIMES = new Set(['pollTimes', 'mode', 'hour', 'minute', 'weekday', 'dayOfMonth', 'value', 'unit', 'cronExpression']);

let passed = 0;
let failed = 0;
async function check(what, body) {
	const started = Date.now();
	try {
		const notes = (await body()) ?? [];
		passed++;
		console.log(`PASS  line ${LINE}: editor: ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
		for (const note of notes) console.log(`      ${note}`);
		return true;
	} catch (error) {
		failed++;
		console.log(`FAIL  line ${LINE}: editor: ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
		for (const line of String(error?.message ?? error).split('\n').slice(0, 12)) console.log(`      | ${line}`);
		const picture = path.join(OUT, `failed-${passed + failed}.png`);
		await page?.screenshot({ path: picture }).then(() => console.log(`      | screenshot: ${picture}`), () => undefined);
		return false;
	}
}
function expect(condition, message) {
	if (!condition) throw new Error(message);
}
const list = (items) => items.join(', ');
/** Screenshots for the README: small element shots (UI pictures compress well as PNG). */
const shot = (name) => ({ path: path.join(OUT, `${name}.png`), type: 'png' });

/** A shop's home page: what a user pastes when they take the panel's website for its API. */
function startShop() {
	const server = http.createServer((request, response) => {
		response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
		response.end('<!doctype html><html><head><title>Best SMM Shop</title></head><body><h1>Cheap followers!</h1></body></html>');
	});
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Asks the demo panel itself, not through n8n, about an order. */
async function panelStatus(orderId) {
	const response = await fetch(PANEL_URL, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ key: PANEL_KEY, action: 'status', order: String(orderId) }),
	});
	return response.json();
}

let page;

async function main() {
	const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ui.CHROMIUM_ARGS, timeout: STEP_MS });
	const shop = await startShop();
	try {
		const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
		context.setDefaultTimeout(STEP_MS);
		page = await context.newPage();
		await run(context, `http://127.0.0.1:${shop.address().port}/`);
	} finally {
		shop.close();
		await browser.close();
	}
}

async function run(context, shopUrl) {
	const ok = await check('owner set up through the setup form', async () => {
		await ui.setUpOwner(page, BASE, LOGIN);
		return [`now at ${new URL(page.url()).pathname}`];
	});
	if (!ok) return;

	const nodePanel = await check('node panel: search "SMM" finds the node and the trigger, with icons', async () => {
		await ui.newWorkflow(page, BASE);
		await ui.searchNodes(page, 'SMM');
		const entry = page.locator(ui.testId('item-iterator-item'), { has: page.locator(ui.testId('node-creator-item-name'), { hasText: /^SMM Panel$/ }) });
		await entry.first().waitFor();
		await expectIconLoaded(entry.first(), 'the search result "SMM Panel"');
		await entry.first().click();
		// n8n lists a node and its trigger as one entry: the trigger's events, then the node's actions.
		await page.getByText(/^Actions \(\d+\)$/).click();
		const rows = await page.locator(`${ui.testId('node-creator')} ${ui.testId('item-iterator-item')}[data-keyboard-nav-id^="n8n-nodes-smm-panel."]`).evaluateAll((items) =>
			items.map((item) => ({
				type: item.getAttribute('data-keyboard-nav-id').replace(/-[0-9a-f-]{36}$/, ''),
				text: item.innerText.trim(),
				icon: Boolean(item.querySelector('img')?.complete && item.querySelector('img')?.naturalWidth > 0),
			})),
		);
		const triggers = rows.filter((row) => row.type === 'n8n-nodes-smm-panel.smmPanelTrigger');
		const actions = rows.filter((row) => row.type === 'n8n-nodes-smm-panel.smmPanel');
		const events = triggerEvents.length;
		const operations = description.properties.filter((p) => p.name === 'operation').flatMap((p) => p.options).length;
		expect(triggers.length === events, `${triggers.length} trigger events listed, the trigger has ${events}: ${list(triggers.map((t) => t.text))}`);
		expect(actions.length === operations, `${actions.length} actions listed, the node has ${operations}: ${list(actions.map((a) => a.text))}`);
		const iconless = rows.filter((row) => !row.icon);
		expect(iconless.length === 0, `rows without a loaded icon: ${list(iconless.map((r) => r.text))}`);
		await page.locator(ui.testId('node-creator')).screenshot(shot('node-panel'));
		return [`triggers: ${list(triggers.map((t) => t.text))}`, `actions: ${list(actions.map((a) => a.text))}`];
	});
	if (!nodePanel) return;

	// The action's label as the node describes it (n8n lists actions by it).
	const createAction = description.properties
		.filter((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('order'))
		.flatMap((p) => p.options)
		.find((option) => option.value === 'create').action;
	const added = await check('Order → Create, picked from the node panel, opens the node with its fields', async () => {
		const exactly = new RegExp(`^${createAction.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
		await page.locator(ui.testId('item-iterator-item'), { hasText: exactly }).click();
		await page.locator(ui.testId('ndv')).waitFor();
		await page.locator(ui.testId('parameter-input-orderType')).waitFor();
	});
	if (!added) return;

	const credential = await check('credential created in the UI; Test: right key, wrong key, a shop page', async () => {
		const modal = await ui.openNewCredential(page);
		const banner = modal.locator(ui.testId('node-credentials-config-container'));
		/** Saves (which runs the test) and returns what the dialog says once it says what is expected. */
		const test = async (url, key, expected) => {
			await modal.locator(`${ui.testId('parameter-input-url')} input`).fill(url);
			await modal.locator(`${ui.testId('parameter-input-apiKey')} input`).fill(key);
			const testResponse = (timeout) => page.waitForResponse((response) => response.url().includes('/rest/credentials/test'), { timeout });
			let tested = testResponse(10_000);
			await modal.locator(ui.testId('credential-save-button')).click();
			// n8n 1.x's dialog, after a failed test, may save without testing again; its Retry button tests.
			tested = await tested.catch(async () => {
				const again = testResponse(STEP_MS);
				await banner.getByText('Retry').click();
				return await again;
			});
			const result = (await tested.json()).data ?? {};
			const said = async () => {
				// n8n 2.x closes the dialog of a new credential once its test passed.
				if (!(await modal.isVisible())) return `${result.status}: the dialog closed after the test`;
				const more = banner.getByText('More details');
				if (await more.isVisible()) await more.click();
				return (await banner.innerText()).replace(/\s*\n\s*/g, ' ').trim();
			};
			const deadline = Date.now() + STEP_MS;
			let text = await said();
			while (!expected.test(text) && Date.now() < deadline) {
				await page.waitForTimeout(250);
				text = await said();
			}
			expect(expected.test(text), `expected ${expected} after saving ${url}, the dialog says: ${text}`);
			return `${result.status}: ${result.message}`;
		};
		const wrongKey = await test(PANEL_URL, 'not-the-key', /Invalid API key.*copy the key again/i);
		await modal.screenshot(shot('credential-test'));
		const shopPage = await test(shopUrl, PANEL_KEY, /did not answer like an SMM panel API/);
		const right = await test(PANEL_URL, PANEL_KEY, /Connection tested successfully|^OK: the dialog closed/);
		if (await modal.isVisible()) await page.keyboard.press('Escape');
		await modal.waitFor({ state: 'hidden' });
		return [`wrong key: ${wrongKey}`, `shop page: ${shopPage}`, `right key: ${right}`];
	});
	if (!credential) return;

	await check('every resource and operation shows its fields (contract.md)', async () => {
		const notes = [];
		const problems = [];
		for (const { resource, operation, parameters } of contract.operations) {
			await ui.selectOption(page, 'resource', optionName(property('resource'), resource));
			await ui.selectOption(page, 'operation', optionName(property('operation', resource), operation));
			const shown = (await ui.visibleParameters(page)).filter((p) => !FRAME.has(p.name));
			const names = shown.map((p) => p.name);
			if (!isDeepStrictEqual(names, parameters)) problems.push(`${resource}:${operation} shows [${list(names)}], contract.md says [${list(parameters)}]`);
			const additional = await ui.additionalFieldOptions(page);
			notes.push(`${resource}:${operation}: ${list(shown.map((p) => p.label)) || '—'} · Add Field: ${list(additional)}`);
		}
		expect(problems.length === 0, problems.join('\n'));
		return notes;
	});

	await check('each of the 17 order types shows exactly its fields (contract.md)', async () => {
		await ui.selectOption(page, 'resource', optionName(property('resource'), 'order'));
		await ui.selectOption(page, 'operation', optionName(property('operation', 'order'), 'create'));
		const orderType = property('orderType', 'order', 'create');
		const notes = [];
		const problems = [];
		expect(orderType.options.length === Object.keys(contract.orderTypes).length, `the node has ${orderType.options.length} order types, contract.md ${Object.keys(contract.orderTypes).length}`);
		for (const [value, expected] of Object.entries(contract.orderTypes)) {
			const name = optionName(orderType, value);
			if (!name) {
				problems.push(`order type ${value} is not in the node`);
				continue;
			}
			await ui.selectOption(page, 'orderType', name);
			const shown = (await ui.visibleParameters(page)).filter((p) => !FRAME.has(p.name) && p.name !== 'service' && p.name !== 'orderType');
			const names = shown.map((p) => p.name);
			const offered = await ui.additionalFieldOptions(page);
			const optional = createFields.filter((field) => OPTIONAL_ORDER_FIELDS.has(field.name) && offered.includes(field.displayName)).map((field) => field.name);
			if (!isDeepStrictEqual(names, expected.fields)) problems.push(`${name}: fields [${list(names)}], contract.md [${list(expected.fields)}]`);
			if (!isDeepStrictEqual(optional, expected.optional))
				problems.push(`${name}: Add Field offers [${list(optional)}], contract.md [${list(expected.optional)}]`);
			const unlabeled = shown.filter((p) => !p.label);
			if (unlabeled.length > 0) problems.push(`${name}: fields without a label: ${list(unlabeled.map((p) => p.name))}`);
			const optionalLabels = createFields.filter((f) => optional.includes(f.name)).map((f) => f.displayName);
			notes.push(`${name}: ${list(shown.map((p) => p.label))}${optionalLabels.length ? ` [${list(optionalLabels)}]` : ''}`);
			if (value === 'webTraffic') await page.screenshot({ ...shot('order-type-fields'), clip: await parametersClip() });
		}
		await ui.selectOption(page, 'orderType', optionName(orderType, 'default'));
		expect(problems.length === 0, problems.join('\n'));
		return notes;
	});

	await check('Service list: "comments" narrows it to comment services; rows show rate, min–max and type', async () => {
		const locator = page.locator(ui.testId('resource-locator-service'));
		await locator.locator(ui.testId('rlc-input')).click();
		const rows = page.locator(`${ui.testId('rlc-item')}:visible`);
		await rows.first().waitFor();
		const all = await rows.count();
		await page.fill(ui.testId('rlc-search'), 'comments');
		await page.waitForFunction(
			({ selector, all }) => {
				const items = [...document.querySelectorAll(selector)].filter((item) => item.offsetParent !== null);
				return items.length > 0 && items.length < all;
			},
			{ selector: ui.testId('rlc-item'), all },
			{ timeout: STEP_MS },
		);
		// What a row shows, up to where the dropdown cuts it off: a row whose rate, min–max or type
		// is cut off does not show them.
		const shown = await rows.evaluateAll((items) =>
			items.map((item) => {
				const span = item.querySelector('span') ?? item;
				const box = span.getBoundingClientRect();
				const range = document.createRange();
				const text = span.textContent ?? '';
				let visible = '';
				for (let end = text.length; end > 0; end--) {
					range.setStart(span.firstChild, 0);
					range.setEnd(span.firstChild, end);
					if (range.getBoundingClientRect().right <= box.right + 1) {
						visible = text.slice(0, end);
						break;
					}
				}
				return { text, visible };
			}),
		);
		const types = new Set(property('orderType', 'order', 'create').options.map((option) => option.name.toLowerCase()));
		const facts = /(\d+(?:\.\d+)?)\/1k · (\d+)–(\d+) · ([^·—(]+?)(?: ·| —| \(|$)/;
		const problems = [];
		for (const row of shown) {
			if (!/comment/i.test(row.text)) problems.push(`not a comment service: ${row.text}`);
			const match = facts.exec(row.visible);
			if (!match) problems.push(`rate, min–max or type not visible: "${row.visible}" of "${row.text}"`);
			else if (!types.has(match[4].trim().toLowerCase())) problems.push(`"${match[4]}" is not an order type: ${row.text}`);
		}
		await page.screenshot({ ...shot('service-list'), clip: await dropdownClip(locator) });
		expect(problems.length === 0, problems.join('\n'));
		await page.keyboard.press('Escape');
		return [`${shown.length} of ${all} services:`, ...shown.map((row) => `  ${row.text}`)];
	});

	let orderId;
	await check('Execute step on Order → Create places an order on the demo panel and shows its id', async () => {
		const locator = page.locator(ui.testId('resource-locator-service'));
		await locator.locator(ui.testId('rlc-input')).click();
		await page.fill(ui.testId('rlc-search'), 'Instagram Followers [Default]');
		await page.locator(`${ui.testId('rlc-item')}:visible`, { hasText: 'Instagram Followers [Default]' }).first().click();
		await page.locator(`${ui.testId('parameter-input-link')} input`).fill('https://www.instagram.com/e2e_editor/');
		await page.locator(`${ui.testId('parameter-input-quantity')} input`).fill('150');
		const output = await ui.executeStep(page, EXECUTE_MS);
		const id = /"order":\s*"?(\d+)/.exec(output)?.[1];
		expect(id, `no order id in the output: ${output.slice(0, 300)}`);
		orderId = id;
		const status = await panelStatus(id);
		expect(!status.error && status.status, `the demo panel does not know order ${id}: ${JSON.stringify(status)}`);
		return [`output: ${output.replace(/\s+/g, ' ').slice(0, 160)}`, `demo panel: order ${id} ${status.status}`];
	});

	await check("trigger's Fetch Test Event shows items and leaves the saved state alone", async () => {
		expect(orderId, 'no order placed above to watch');
		page = await context.newPage();
		await page.goto(`${BASE}/home/workflows`);
		const before = await ui.rest(page, 'GET', `/workflows/${TRIGGER_WORKFLOW}`);
		expect(before.status === 200, `GET workflow: HTTP ${before.status}`);
		const saved = before.json.data.staticData;
		expect(saved && Object.keys(saved).length > 0, `the imported workflow has no static data: ${JSON.stringify(saved)}`);
		await page.goto(`${BASE}/workflow/${TRIGGER_WORKFLOW}`);
		await page.locator(ui.testId('canvas-node'), { hasText: 'SMM Panel Trigger' }).dblclick();
		await page.locator(ui.testId('ndv')).waitFor();
		await ui.useCredential(page, await credentialName());
		await page.locator(`${ui.testId('parameter-input-orderIds')} textarea`).fill(orderId);
		const output = await ui.executeStep(page, EXECUTE_MS);
		expect(new RegExp(`"order":\\s*"?${orderId}\\b`).test(output) && /"event":\s*"orderFinished"/.test(output), `output: ${output.slice(0, 300)}`);
		const after = await ui.rest(page, 'GET', `/workflows/${TRIGGER_WORKFLOW}`);
		expect(isDeepStrictEqual(after.json.data?.staticData, saved), `static data changed: ${JSON.stringify(saved)} → ${JSON.stringify(after.json.data?.staticData)}`);
		return [`output: ${output.replace(/\s+/g, ' ').slice(0, 160)}`, `static data unchanged: ${JSON.stringify(saved)}`];
	});

	await check("each of the trigger's events shows its fields (contract.md)", async () => {
		const notes = [];
		const problems = [];
		for (const [event, parameters] of Object.entries(contract.triggerEvents)) {
			const name = triggerEvents.find((option) => option.value === event)?.name;
			if (!name) {
				problems.push(`event ${event} is not in the trigger`);
				continue;
			}
			await ui.selectOption(page, 'event', name);
			const shown = (await ui.visibleParameters(page)).filter((p) => !FRAME.has(p.name) && !POLL_TIMES.has(p.name) && p.name !== 'event');
			if (!isDeepStrictEqual(shown.map((p) => p.name), parameters)) problems.push(`${name} shows [${list(shown.map((p) => p.name))}], contract.md says [${list(parameters)}]`);
			notes.push(`${name}: ${list(shown.map((p) => p.label)) || '—'} · Add Field: ${list(await ui.additionalFieldOptions(page))}`);
		}
		expect(problems.length === 0, problems.join('\n'));
		return notes;
	});
}

async function expectIconLoaded(element, what) {
	const loaded = await element.locator('img').first().evaluate((img) => img.complete && img.naturalWidth > 0 && img.src);
	expect(loaded && /smmPanel/.test(loaded), `${what} has no loaded icon (${loaded})`);
}

/** The credential the UI created (the only one of its type). */
async function credentialName() {
	const { json } = await ui.rest(page, 'GET', '/credentials');
	const ours = (json.data ?? []).filter((c) => c.type === 'smmPanelApi');
	expect(ours.length === 1, `expected one SMM Panel API credential, found ${ours.length}`);
	return ours[0].name;
}

/** The Parameters tab from its top (Credential, Resource, Operation) down, as far as the window shows it. */
async function parametersClip() {
	await page.locator(ui.testId('node-credentials-select')).first().scrollIntoViewIfNeeded();
	const box = await page.locator(ui.testId('node-parameters')).boundingBox();
	const { height } = page.viewportSize();
	const y = Math.max(0, box.y - 8);
	return { x: box.x, y, width: box.width, height: Math.min(box.y + box.height, height) - y };
}

/** The Service field and its open dropdown (search box and rows), as one picture. */
async function dropdownClip(locator) {
	const boxes = [await locator.boundingBox(), await page.locator(`${ui.testId('rlc-search')}:visible`).boundingBox()];
	for (const row of await page.locator(`${ui.testId('rlc-item')}:visible`).all()) boxes.push(await row.boundingBox());
	const present = boxes.filter(Boolean);
	const margin = 16;
	const x = Math.max(0, Math.min(...present.map((b) => b.x)) - margin);
	const y = Math.max(0, Math.min(...present.map((b) => b.y)) - 2 * margin);
	const right = Math.max(...present.map((b) => b.x + b.width)) + margin;
	const bottom = Math.max(...present.map((b) => b.y + b.height)) + margin;
	return { x, y, width: right - x, height: bottom - y };
}

main()
	.catch((error) => {
		failed++;
		console.log(`FAIL  line ${LINE}: editor: ${String(error?.stack ?? error).split('\n').slice(0, 6).join('\n      | ')}`);
	})
	.finally(() => {
		console.log(`      browser checks: ${passed} passed, ${failed} failed`);
		process.exit(failed === 0 ? 0 : 1);
	});
