// Small helpers for driving n8n's editor (1.x and 2.x) with Playwright, by the data-test-id
// attributes n8n's own tests use. Where the two lines differ, both ways are here.
'use strict';

/** Launch flags that work on these machines (no GPU, no sandbox, no network beyond loopback). */
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

const testId = (id) => `[data-test-id="${id}"]`;

/** The first line of an element's text: a label without the "Fixed / Expression" toggle beside it. */
const firstLine = (text) => String(text ?? '').split('\n')[0].trim();

/** The REST API as the editor calls it: its session cookie plus the browser id n8n binds it to. */
async function rest(page, method, path, body) {
	return page.evaluate(
		async ({ method, path, body }) => {
			const response = await fetch(`/rest${path}`, {
				method,
				headers: { 'Content-Type': 'application/json', 'browser-id': localStorage.getItem('n8n-browserId') ?? '' },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			const text = await response.text();
			try {
				return { status: response.status, json: JSON.parse(text) };
			} catch {
				return { status: response.status, json: { raw: text.slice(0, 300) } };
			}
		},
		{ method, path, body },
	);
}

/** The owner account, set up through the form a new instance shows (or logged in, on a second run). */
async function setUpOwner(page, base, login) {
	await page.goto(`${base}/`);
	await page.waitForURL(/\/(setup|signin|home|workflow|assistant)/);
	if (page.url().includes('/setup')) {
		await page.fill('input[name=email]', login.email);
		await page.fill('input[name=firstName]', 'E2E');
		await page.fill('input[name=lastName]', 'Owner');
		await page.fill('input[name=password]', login.password);
	} else if (page.url().includes('/signin')) {
		await page.fill('input[name=emailOrLdapLoginId], input[name=email]', login.email);
		await page.fill('input[name=password]', login.password);
	} else return;
	await page.click(testId('form-submit-button'));
	await page.waitForURL((url) => !/\/(setup|signin)/.test(url.pathname));
}

/** Opens an options parameter's dropdown and picks the option whose name is `name`. */
async function selectOption(page, parameter, name) {
	const input = page.locator(`${testId(`parameter-input-${parameter}`)} input`).first();
	await input.click();
	// The dropdown this select owns: another one may still be fading out.
	const listId = await input.getAttribute('aria-controls');
	const options = page.locator(listId ? `[id="${listId}"] .el-select-dropdown__item` : '.el-select-dropdown__item:visible');
	await options.first().waitFor();
	const names = (await options.allInnerTexts()).map(firstLine);
	const index = names.indexOf(name);
	if (index < 0) throw new Error(`${parameter}: no option "${name}" among ${names.join(', ')}`);
	await options.nth(index).click();
	await page.waitForFunction(
		({ selector, name }) => document.querySelector(selector)?.value === name,
		{ selector: `${testId(`parameter-input-${parameter}`)} input`, name },
	);
	await options.first().waitFor({ state: 'hidden' }).catch(() => undefined);
}

/** The parameters the Parameters tab shows, in order: stored name and label. */
async function visibleParameters(page) {
	return page
		.locator(`${testId('node-parameters')} label[for]:visible`)
		.evaluateAll((labels) => labels.map((label) => ({ name: label.getAttribute('for'), label: label.innerText.split('\n')[0].trim() })));
}

/** The labels the Additional Fields collection offers under "Add Field" (the dropdown is closed again). */
async function additionalFieldOptions(page) {
	const add = page.locator(`${testId('node-parameters')} :is(${testId('collection-parameter-add')}, .add-option):visible`).last();
	await add.click();
	const options = page.locator(`${testId('collection-parameter-option')}:visible`);
	await options.first().waitFor();
	const labels = (await options.allInnerTexts()).map(firstLine);
	await page.keyboard.press('Escape');
	await options.first().waitFor({ state: 'hidden' }).catch(() => undefined);
	return labels;
}

/** A new workflow's canvas, empty. */
async function newWorkflow(page, base) {
	await page.goto(`${base}/workflow/new`);
	await page.locator(testId('canvas-add-button')).or(page.locator(testId('canvas-plus-button'))).first().waitFor();
}

/** The node creator, searched. */
async function searchNodes(page, text) {
	await page.click(testId('node-creator-plus-button'));
	await page.fill(testId('node-creator-search-bar'), text);
}

/**
 * The node's credential: opens "create new" whether the line shows a select (1.x, or any line once a
 * credential exists) or a "Connect to ..." button (2.x, none yet).
 */
async function openNewCredential(page) {
	const connect = page.locator(`${testId('node-credentials-empty-state')} button`);
	if (await connect.isVisible()) await connect.click();
	else {
		await page.click(testId('node-credentials-select'));
		await page.click(testId('node-credentials-select-item-new'));
	}
	const modal = page.locator(testId('editCredential-modal'));
	await modal.waitFor();
	return modal;
}

/** Selects the credential by its name in the node's credential select, unless it is already there. */
async function useCredential(page, name) {
	const select = page.locator(`${testId('node-credentials-select')} input`);
	await select.or(page.locator(testId('node-credentials-empty-state'))).first().waitFor();
	if ((await select.count()) > 0 && (await select.inputValue()) === name) return;
	await page.click(testId('node-credentials-select'));
	await page.locator('.el-select-dropdown__item:visible', { hasText: name }).first().click();
}

/** Clicks the NDV's execute button ("Execute step", "Fetch Test Event"); returns its output as JSON text. */
async function executeStep(page, timeout) {
	await page.click(testId('node-execute-button'));
	const output = page.locator(testId('output-panel'));
	await output.getByText(/^\d+ items?$/).first().waitFor({ timeout });
	await output.locator(testId('radio-button-json')).click();
	const data = output.locator(testId('ndv-data-container'));
	await data.filter({ hasText: /"\w+":/ }).waitFor();
	return data.innerText();
}

module.exports = {
	CHROMIUM_ARGS,
	additionalFieldOptions,
	executeStep,
	newWorkflow,
	openNewCredential,
	rest,
	searchNodes,
	selectOption,
	setUpOwner,
	testId,
	useCredential,
	visibleParameters,
};
