/**
 * npm run demo: the package at work, with no panel account. Starts the demo panel and runs the
 * built node and trigger through n8n's engine: services, estimates, orders of several types,
 * the trigger watching them finish, a refill and the balance.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { createPoller, runNode } from '../demo/engine';
import { startDemoPanel } from '../demo/panel';
import { builtPackage } from './lib/built';
import { table } from './lib/table';

const COMMENTS = ['Love it!', 'Where can I buy this?', 'Great colours', 'Need this', 'So good', 'Wow', 'Perfect gift', 'Shipping to EU?', 'Amazing quality', 'Take my money'].join('\n');

/** Orders of several types, as a storefront or a sheet would hand them to Order → Create. */
const ORDERS: Array<{ label: string; parameters: INodeParameters }> = [
	{ label: 'Instagram followers', parameters: { service: 1, orderType: 'default', link: 'https://instagram.com/acme', quantity: 500 } },
	{ label: 'Custom comments', parameters: { service: 2, orderType: 'customComments', link: 'https://instagram.com/p/launch', comments: COMMENTS } },
	{ label: 'Likes package', parameters: { service: 7, orderType: 'package', link: 'https://instagram.com/p/launch' } },
	{ label: 'Story poll votes', parameters: { service: 17, orderType: 'poll', link: 'https://instagram.com/stories/acme/1', quantity: 200, answerNumber: 2 } },
	{ label: 'Website traffic', parameters: { service: 34, orderType: 'webTraffic', link: 'https://acme.example', quantity: 1000, country: 'US', device: 5, typeOfTraffic: 3 } },
];

const heading = (text: string) => console.log(`\n\x1b[1m${text}\x1b[0m`);
const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
	const started = Date.now();
	const panel = await startDemoPanel({ timeScale: 4, balance: 50 });
	const credentials = { url: panel.url, apiKey: panel.apiKey };
	const run = async (parameters: INodeParameters, items?: IDataObject[]) => {
		const result = await runNode({ node: builtPackage.node(), credentialType: builtPackage.credential(), credentials, parameters, items });
		if (result.error) throw new Error(`${result.error.message}: ${result.error.description ?? ''}`);
		return result.items.map((item: INodeExecutionData) => item.json);
	};
	console.log(`Demo SMM panel at ${panel.url} (a local simulator; orders move 4x faster than real time).`);

	try {
		heading('1. Service → Get Many (category contains "Instagram", first 8)');
		const services = await run({ resource: 'service', operation: 'getAll', additionalFields: { category: 'instagram' } });
		console.log(table(['id', 'name', 'type', 'rate/1k', 'min–max'], services.slice(0, 8).map((s) => [s.service as number, String(s.name), String(s.type), String(s.rate), `${s.min}–${s.max}`])));

		heading('2. Order → Create with "Estimate Only": priced before anything is placed');
		const estimates = [];
		for (const order of ORDERS) {
			const [estimate] = await run({ resource: 'order', operation: 'create', ...withService(order.parameters), additionalFields: { estimateOnly: true } });
			estimates.push([order.label, String(estimate.serviceName), String(estimate.estimatedCharge), estimate.fits ? 'yes' : `no: ${String(estimate.problem)}`]);
		}
		console.log(table(['order', 'service', 'estimated charge', 'fits'], estimates));

		heading('3. Order → Create: placing one order of each type');
		const placed: string[] = [];
		const placedRows = [];
		for (const order of ORDERS) {
			const [result] = await run({ resource: 'order', operation: 'create', ...withService(order.parameters) });
			placed.push(String(result.order));
			placedRows.push([order.label, String(result.orderType), String(result.order)]);
		}
		console.log(table(['order', 'type', 'order id'], placedRows));

		heading('4. SMM Panel Trigger (Order Finished) polling until every order is reported');
		const trigger = createPoller({ node: builtPackage.trigger(), credentialType: builtPackage.credential(), credentials, parameters: { event: 'orderFinished', orderIds: placed.join(', ') } });
		const finished: IDataObject[] = [];
		for (let poll = 1; finished.length < placed.length && poll <= 40; poll++) {
			const emitted = (await trigger.poll()) ?? [];
			finished.push(...emitted.map((item) => item.json));
			const bar = '█'.repeat(finished.length) + '░'.repeat(placed.length - finished.length);
			process.stdout.write(`\r  poll ${String(poll).padStart(2)}  ${bar}  ${finished.length}/${placed.length} finished${emitted.length ? `  (+${emitted.map((item) => item.json.order).join(', ')})` : ''}      `);
			if (finished.length < placed.length) await sleep(500);
		}
		console.log('\n');
		console.log(table(['order', 'status', 'previous', 'charge', 'remains'], finished.map((o) => [String(o.order), String(o.status), String(o.previousStatus), String(o.charge), String(o.remains)])));
		if (finished.length < placed.length) throw new Error('not every order finished in time');

		heading('5. Refill → Create, then Refill → Get');
		const [refill] = await run({ resource: 'refill', operation: 'create', orderIds: placed[0] });
		console.log(`  refill ${String(refill.refill)} created for order ${placed[0]}`);
		await sleep(1500);
		const [refillStatus] = await run({ resource: 'refill', operation: 'get', refillId: String(refill.refill) });
		console.log(`  refill ${String(refillStatus.refill)}: ${String(refillStatus.status)}`);

		heading('6. Account → Get Balance');
		const [balance] = await run({ resource: 'account', operation: 'getBalance' });
		console.log(`  ${String(balance.balance)} ${String(balance.currency)} left of 50.00 USD`);

		console.log(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s: ${panel.stats.requests} requests to the panel, ${panel.stats.ordersPlaced} orders placed, each once.`);
	} finally {
		await panel.close();
	}
}

function withService(parameters: INodeParameters): INodeParameters {
	return { ...parameters, service: { __rl: true, mode: 'id', value: String(parameters.service) } };
}

main().catch((error: Error) => {
	console.error(`\nDemo failed: ${error.message}`);
	process.exit(1);
});
