/**
 * Bad input fails before anything is sent: a NodeOperationError that names the field and the
 * item. With "Continue On Fail" the bad item becomes an error item and the good ones still go.
 */
import type { INodeParameters } from 'n8n-workflow';

import { seed000 } from '../fixtures/seeds';
import { blockRealNetwork, fakePanel, json, pairedItems, runPanelNode, serviceById } from './support';

blockRealNetwork();

const LINK = 'https://www.instagram.com/p/abc123/';
const FUTURE = '31/12/2099';
/**
 * n8n itself refuses to run a node whose required field is left empty, so an empty value reaches
 * the node only from an expression, e.g. on a field the input item does not have.
 */
const MISSING = '={{ $json.notThere }}';

const ORDER_OF_TYPE: Record<string, INodeParameters> = {
	default: { orderType: 'default', link: LINK, quantity: 100 },
	seo: { orderType: 'seo', link: LINK, quantity: 100, keywords: 'pizza' },
	customComments: { orderType: 'customComments', link: LINK, comments: 'Nice' },
	customCommentsPackage: { orderType: 'customCommentsPackage', link: LINK, comments: 'Nice' },
	mentions: { orderType: 'mentions', link: LINK, quantity: 100, usernames: 'alice' },
	mentionsWithHashtags: { orderType: 'mentionsWithHashtags', link: LINK, quantity: 100, usernames: 'alice', hashtags: '#a' },
	mentionsCustomList: { orderType: 'mentionsCustomList', link: LINK, usernames: 'alice' },
	mentionsHashtag: { orderType: 'mentionsHashtag', link: LINK, quantity: 100, hashtag: '#a' },
	mentionsUserFollowers: { orderType: 'mentionsUserFollowers', link: LINK, quantity: 100, username: 'alice' },
	mentionsMediaLikers: { orderType: 'mentionsMediaLikers', link: LINK, quantity: 100, media: LINK },
	commentLikes: { orderType: 'commentLikes', link: LINK, quantity: 100, username: 'alice' },
	commentReplies: { orderType: 'commentReplies', link: LINK, username: 'alice', comments: 'Nice' },
	poll: { orderType: 'poll', link: LINK, quantity: 100, answerNumber: 1 },
	invitesFromGroups: { orderType: 'invitesFromGroups', link: LINK, quantity: 100, groups: 'https://t.me/g' },
	subscriptions: { orderType: 'subscriptions', username: 'alice', min: 100, max: 200, delay: 0 },
	webTraffic: { orderType: 'webTraffic', link: LINK, quantity: 100, country: 'US', device: 5, typeOfTraffic: 3 },
};

/** An order of `type` with `changes` applied, as the user would have filled it in. */
function order(type: string, changes: INodeParameters): INodeParameters {
	return { resource: 'order', operation: 'create', service: serviceById('1'), ...ORDER_OF_TYPE[type], ...changes };
}

type BadCase = [label: string, parameters: INodeParameters, field: string];

const BAD_ORDERS: BadCase[] = [
	['a link that is plain text', order('default', { link: 'my instagram post' }), 'link'],
	['a link without https://', order('default', { link: 'www.instagram.com/p/abc123/' }), 'link'],
	['an ftp link', order('default', { link: 'ftp://files.example/post' }), 'link'],
	['an empty link (from an expression on a missing field)', order('default', { link: MISSING }), 'link'],
	['a link that is only a scheme', order('default', { link: 'https://' }), 'link'],
	['a javascript: link', order('default', { link: 'javascript:alert(1)' }), 'link'],
	['a link to a host without a domain', order('package', { link: 'https://instagram' }), 'link'],
	['an empty quantity', order('default', { quantity: '' }), 'quantity'],
	['a non-numeric quantity', order('default', { quantity: '={{ "a thousand" }}' }), 'quantity'],
	['a quantity of 0', order('default', { quantity: 0 }), 'quantity'],
	['a negative quantity', order('mentions', { quantity: -5 }), 'quantity'],
	['a fractional quantity', order('seo', { quantity: 1.5 }), 'quantity'],
	['a quantity with letters after the number', order('default', { quantity: '={{ "12abc" }}' }), 'quantity'],
	['an empty comments list', order('customComments', { comments: MISSING }), 'comments'],
	['a comments list of blank lines', order('customCommentsPackage', { comments: '\n   \n\n' }), 'comments'],
	['an empty comments array from an expression', order('commentReplies', { comments: '={{ [] }}' }), 'comments'],
	['an empty usernames list', order('mentionsCustomList', { usernames: MISSING }), 'usernames'],
	['an empty hashtags list', order('mentionsWithHashtags', { hashtags: ' ' }), 'hashtags'],
	['an empty groups list', order('invitesFromGroups', { groups: MISSING }), 'groups'],
	['an empty keywords list', order('seo', { keywords: '\n' }), 'keywords'],
	['an empty hashtag', order('mentionsHashtag', { hashtag: MISSING }), 'hashtag'],
	['an empty username for user followers', order('mentionsUserFollowers', { username: '  ' }), 'username'],
	['an empty comment author', order('commentLikes', { username: MISSING }), 'username'],
	['an empty media', order('mentionsMediaLikers', { media: MISSING }), 'media'],
	['a poll answer number of 0', order('poll', { answerNumber: 0 }), 'answerNumber'],
	['a poll answer given as a word', order('poll', { answerNumber: '={{ "first" }}' }), 'answerNumber'],
	['a subscription delay of 7 minutes (not allowed)', order('subscriptions', { delay: 7 }), 'delay'],
	['a subscription delay of 1000 minutes (not allowed)', order('subscriptions', { delay: 1000 }), 'delay'],
	['a subscription expiry as 2020-01-01', order('subscriptions', { additionalFields: { expiry: '2020-01-01' } }), 'expiry'],
	['a subscription expiry in the past (01/01/2020)', order('subscriptions', { additionalFields: { expiry: '01/01/2020' } }), 'expiry'],
	['a subscription expiry that is no real date (31/02/2099)', order('subscriptions', { additionalFields: { expiry: '31/02/2099' } }), 'expiry'],
	['a subscription min larger than its max', order('subscriptions', { min: 300, max: 200 }), 'min'],
	['a subscription min of 0', order('subscriptions', { min: 0 }), 'min'],
	['a subscription max given as a word', order('subscriptions', { max: '={{ "lots" }}' }), 'max'],
	['a subscription without a username', order('subscriptions', { username: MISSING }), 'username'],
	['a subscription with 0 posts', order('subscriptions', { additionalFields: { posts: 0, expiry: FUTURE } }), 'posts'],
	['a subscription with negative old posts', order('subscriptions', { additionalFields: { oldPosts: -1 } }), 'oldPosts'],
	['web traffic without a country', order('webTraffic', { country: MISSING }), 'country'],
	['web traffic for device 9', order('webTraffic', { device: 9 }), 'device'],
	['web traffic of traffic type 7', order('webTraffic', { typeOfTraffic: 7 }), 'typeOfTraffic'],
	['web traffic with a referring URL that is no URL', order('webTraffic', { additionalFields: { referringUrl: 'my blog' } }), 'referringUrl'],
	['drip-feed runs of 0', order('default', { additionalFields: { runs: 0 } }), 'runs'],
	['a drip-feed interval given as a word', order('webTraffic', { additionalFields: { interval: '={{ "hourly" }}' } }), 'interval'],
	['no service (an expression giving nothing)', order('default', { service: { __rl: true, mode: 'id', value: MISSING } }), 'service'],
	['a service id with spaces and symbols from an expression', order('default', { service: serviceById('={{ "1 OR 1=1" }}') }), 'service'],
];

const BAD_IDS: BadCase[] = [
	['order:getMany with a junk id (abc$%)', { resource: 'order', operation: 'getMany', orderIds: '1, abc$%, 3' }, 'orderIds'],
	['order:getMany with no ids', { resource: 'order', operation: 'getMany', orderIds: MISSING }, 'orderIds'],
	['order:getMany with only separators', { resource: 'order', operation: 'getMany', orderIds: ' ,, \n , ' }, 'orderIds'],
	['order:getMany with markup among the ids', { resource: 'order', operation: 'getMany', orderIds: '1 2 <script>' }, 'orderIds'],
	['order:getMany with an empty array from an expression', { resource: 'order', operation: 'getMany', orderIds: '={{ [] }}' }, 'orderIds'],
	['order:get with no id', { resource: 'order', operation: 'get', orderId: MISSING }, 'orderId'],
	['order:get with SQL in the id', { resource: 'order', operation: 'get', orderId: "12' OR '1'='1" }, 'orderId'],
	['order:get with an id of 65 characters', { resource: 'order', operation: 'get', orderId: 'a'.repeat(65) }, 'orderId'],
	['order:cancel with a junk id', { resource: 'order', operation: 'cancel', orderIds: 'DROP%TABLE' }, 'orderIds'],
	['order:cancel with no ids', { resource: 'order', operation: 'cancel', orderIds: '={{ "" }}' }, 'orderIds'],
	['refill:create with a path among the ids', { resource: 'refill', operation: 'create', orderIds: '1,2,x/y' }, 'orderIds'],
	['refill:get with a junk id', { resource: 'refill', operation: 'get', refillId: 'abc$%' }, 'refillId'],
	['refill:get with no id', { resource: 'refill', operation: 'get', refillId: '   ' }, 'refillId'],
	['refill:getMany with no ids', { resource: 'refill', operation: 'getMany', refillIds: MISSING }, 'refillIds'],
	['refill:getMany with a junk id', { resource: 'refill', operation: 'getMany', refillIds: '5, #6' }, 'refillIds'],
];

/** "answerNumber" may be shown as "Answer Number": match the field either way. */
function namesField(field: string): RegExp {
	return new RegExp(field.replace(/([a-z])([A-Z])/g, '$1 ?$2'), 'i');
}

interface ErrorLike {
	name?: string;
	message?: string;
	context?: { itemIndex?: number };
}

test('there are at least 40 distinct bad-input cases', () => {
	const all = [...BAD_ORDERS, ...BAD_IDS];
	expect(all.length).toBeGreaterThanOrEqual(40);
	expect(new Set(all.map(([label]) => label)).size).toBe(all.length);
	expect(new Set(all.map(([, parameters]) => JSON.stringify(parameters))).size).toBe(all.length);
});

describe.each([
	['an order with', BAD_ORDERS],
	['', BAD_IDS],
])('%s', (_prefix, cases) => {
	test.each(cases)('%s fails before any request, naming the field and the item', async (_label, parameters, field) => {
		const panel = fakePanel(() => json(seed000.answers.add!));
		const run = await runPanelNode({ panel, parameters });

		expect(panel.requests).toEqual([]);
		const error = run.error as ErrorLike;
		expect(error).toBeDefined();
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toMatch(namesField(field));
		expect(error.message).toMatch(/item 0/i);
		expect(run.items).toEqual([]);
	});
});

test('a bad third item stops the node before the first two orders are placed, naming item 2', async () => {
	const panel = fakePanel(() => json(seed000.answers.add!));
	const run = await runPanelNode({
		panel,
		parameters: order('default', { link: '={{ $json.link }}' }),
		items: [{ link: 'https://www.instagram.com/p/one/' }, { link: 'https://www.instagram.com/p/two/' }, { link: 'not a link' }],
	});

	expect(panel.requests).toEqual([]);
	const error = run.error as ErrorLike;
	expect(error.name).toBe('NodeOperationError');
	expect(error.message).toMatch(/link/);
	expect(error.message).toMatch(/item 2/);
	expect(error.context?.itemIndex).toBe(2);
});

test('a junk id in the second item stops order:getMany before any request, naming item 1', async () => {
	const panel = fakePanel(() => json(seed000.answers.statusMany!));
	const run = await runPanelNode({
		panel,
		parameters: { resource: 'order', operation: 'getMany', orderIds: '={{ $json.ids }}' },
		items: [{ ids: '1, 10' }, { ids: 'abc$%' }],
	});

	expect(panel.requests).toEqual([]);
	const error = run.error as ErrorLike;
	expect(error.message).toMatch(/orderIds/);
	expect(error.message).toMatch(/item 1/);
});

describe('with "Continue On Fail"', () => {
	test('a bad order becomes an error item paired to it, and the good orders are still placed', async () => {
		const panel = fakePanel(() => json(seed000.answers.add!));
		const run = await runPanelNode({
			panel,
			parameters: order('default', { link: '={{ $json.link }}', quantity: '={{ $json.quantity }}' }),
			items: [
				{ link: 'https://www.instagram.com/p/one/', quantity: 100 },
				{ link: 'https://www.instagram.com/p/two/', quantity: 'lots' },
				{ link: 'https://www.instagram.com/p/three/', quantity: 300 },
			],
			continueOnFail: true,
		});

		expect(run.error).toBeUndefined();
		expect(panel.requests.map((request) => request.form.link).sort()).toEqual(['https://www.instagram.com/p/one/', 'https://www.instagram.com/p/three/']);
		expect(run.items).toHaveLength(3);
		const byItem = new Map(run.items.map((item) => [pairedItems(item)[0], item.json]));
		expect(byItem.get(0)).toMatchObject({ order: 23501 });
		expect(byItem.get(2)).toMatchObject({ order: 23501 });
		expect(byItem.get(1)?.error).toMatch(/quantity/);
		expect(byItem.get(1)?.error).toMatch(/item 1/);
	});

	test('an item with a junk id becomes an error item, and the other items\' ids are still asked', async () => {
		const panel = fakePanel(() => json(seed000.answers.statusMany!));
		const run = await runPanelNode({
			panel,
			parameters: { resource: 'order', operation: 'getMany', orderIds: '={{ $json.ids }}' },
			items: [{ ids: '1, 10' }, { ids: 'abc$%' }, { ids: [100] }],
			continueOnFail: true,
		});

		expect(run.error).toBeUndefined();
		expect(panel.requests).toHaveLength(1);
		expect(panel.requests[0].form.orders.split(',').sort()).toEqual(['1', '10', '100']);
		const failed = run.items.filter((item) => 'error' in item.json && item.json.order === undefined);
		expect(failed).toHaveLength(1);
		expect(pairedItems(failed[0])).toEqual([1]);
		expect(failed[0].json.error).toMatch(/orderIds/);
		expect(run.json.filter((item) => item.order !== undefined).map((item) => item.order)).toEqual([1, 10, 100]);
	});

	test('a bad subscription expiry fails only its item; the other subscription is placed', async () => {
		const panel = fakePanel(() => json(seed000.answers.add!));
		const run = await runPanelNode({
			panel,
			parameters: order('subscriptions', { username: '={{ $json.user }}', additionalFields: { expiry: '={{ $json.expiry }}' } }),
			items: [
				{ user: 'alice', expiry: '2020-01-01' },
				{ user: 'bob', expiry: FUTURE },
			],
			continueOnFail: true,
		});

		expect(panel.requests.map((request) => request.form.username)).toEqual(['bob']);
		expect(run.items.map(pairedItems)).toEqual([[0], [1]]);
		expect(run.items[0].json.error).toMatch(/expiry/);
		expect(run.items[1].json).toMatchObject({ order: 23501 });
	});
});
