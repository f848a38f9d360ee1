// Reads what the editor must show from the public contract (shared/contract.md): the parameters of
// each resource + operation and the fields of each order type, by their stored names.
'use strict';

const fs = require('node:fs');

const ticks = (text) => [...text.matchAll(/`([^`]+)`/g)].map((match) => match[1]);

/** Rows of the markdown table whose header row starts with the given cells. */
function tableRows(markdown, header) {
	const lines = markdown.split('\n');
	const start = lines.findIndex((line) => line.replace(/\s+/g, '').startsWith(`|${header.join('|')}|`));
	if (start < 0) throw new Error(`contract: no table with the header ${header.join(' | ')}`);
	const rows = [];
	for (const line of lines.slice(start + 2)) {
		if (!line.startsWith('|')) break;
		rows.push(line.split('|').slice(1, -1).map((cell) => cell.trim()));
	}
	return rows;
}

/**
 * { operations: [{ resource, operation, parameters }], orderTypes: { value: { fields, optional } },
 *   triggerEvents: { event: parameters } }.
 * The parameters of `order:create` are `service`, `orderType` and the default type's fields.
 */
function readContract(file) {
	const markdown = fs.readFileSync(file, 'utf8');
	const orderTypes = {};
	for (const [value, fields] of tableRows(markdown, ['value', 'fields'])) {
		const [required, optional = ''] = fields.split('[');
		orderTypes[ticks(value)[0]] = { fields: ticks(required), optional: ticks(optional) };
	}
	const operations = tableRows(markdown, ['resource', 'operation', 'parameters']).map(([resource, operation, parameters]) => ({
		resource: ticks(resource)[0],
		operation: ticks(operation)[0],
		// What is in brackets explains a parameter (e.g. a resource locator's modes); it names none.
		parameters: ticks(parameters.replace(/\([^)]*\)/g, '')),
	}));
	// The trigger: which parameter each event shows ("order events", or the events named).
	const events = ticks(tableRows(markdown, ['parameter', 'meaning']).find(([name]) => ticks(name)[0] === 'event')[1]);
	const triggerEvents = Object.fromEntries(events.map((event) => [event, []]));
	for (const [name, meaning] of tableRows(markdown, ['parameter', 'meaning'])) {
		const parameter = ticks(name)[0];
		if (parameter === 'event') continue;
		const named = ticks(meaning).filter((word) => events.includes(word));
		const shownFor = named.length > 0 ? named : /order events/.test(meaning) ? events.filter((event) => event.startsWith('order')) : [];
		for (const event of shownFor) triggerEvents[event].push(parameter);
	}
	const create = operations.find((op) => op.resource === 'order' && op.operation === 'create');
	if (create) create.parameters = ['service', 'orderType', ...orderTypes.default.fields];
	return { operations, orderTypes, triggerEvents };
}

module.exports = { readContract };
