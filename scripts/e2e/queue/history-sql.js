#!/usr/bin/env node
// Prints SQL that replaces one node's row in n8n's deduplication store (`processed_data`) with a
// history of <entries> keys, written as n8n writes them (md5, base64, in "entries" mode). Works
// for SQLite and Postgres (a text literal goes into either's value column).
//
//   node history-sql.js <workflow-id> <node-id> <entries>     (0 entries: the row is only deleted)
'use strict';

const { createHash } = require('node:crypto');

const [workflowId, nodeId, entries] = process.argv.slice(2);
const context = `n:${nodeId}`;
const quote = (text) => `'${text.replace(/'/g, "''")}'`;
const data = Array.from({ length: Number(entries) }, (_, index) => createHash('md5').update(`order key history-${index}`).digest('base64'));
console.log(`DELETE FROM processed_data WHERE "workflowId" = ${quote(workflowId)} AND context = ${quote(context)};`);
if (data.length > 0) {
	const value = JSON.stringify({ mode: 'entries', data });
	console.log(`INSERT INTO processed_data ("workflowId", context, value) VALUES (${quote(workflowId)}, ${quote(context)}, ${quote(value)});`);
}
