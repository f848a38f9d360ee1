/**
 * Every one of the 17 order types sends the panel exactly the fields its type takes, under the
 * names the panel docs use (answer_number, type_of_traffic, old_posts, google_keyword,
 * referring_url), plus `url` beside `link` for panels such as seed 002 that call the link `url`.
 */
import type { INodeParameters } from 'n8n-workflow';

import { seed000 } from '../fixtures/seeds';
import { ORDER_TYPES } from '../../nodes/SmmPanel/resources/order/orderTypes';
import { API_KEY, type FakePanel, blockRealNetwork, fakePanel, runPanelNode, serviceById, serviceFromList } from './support';

blockRealNetwork();

const LINK = 'https://www.instagram.com/p/abc123/';

function panelPlacingOrders(): FakePanel {
	return fakePanel(() => ({ body: seed000.answers.add }));
}

async function placeOrder(parameters: INodeParameters, items?: Array<Record<string, unknown>>) {
	const panel = panelPlacingOrders();
	const run = await runPanelNode({
		panel,
		parameters: { resource: 'order', operation: 'create', ...parameters },
		items: items as never,
	});
	return { panel, run };
}

interface OrderTypeCase {
	orderType: string;
	/** What the user fills in (besides resource, operation and orderType). */
	parameters: INodeParameters;
	/** The form the panel must receive, besides key and action. */
	form: Record<string, string>;
}

const CASES: OrderTypeCase[] = [
	{
		orderType: 'default',
		parameters: { service: serviceFromList('1'), link: LINK, quantity: 1000, additionalFields: { runs: 5, interval: 30 } },
		form: { service: '1', link: LINK, url: LINK, quantity: '1000', runs: '5', interval: '30' },
	},
	{
		orderType: 'package',
		parameters: { service: serviceById('7'), link: LINK },
		form: { service: '7', link: LINK, url: LINK },
	},
	{
		orderType: 'seo',
		parameters: { service: serviceFromList('3'), link: 'https://shop.example/pizza', quantity: 500, keywords: 'best pizza\npizza near me' },
		form: { service: '3', link: 'https://shop.example/pizza', url: 'https://shop.example/pizza', quantity: '500', keywords: 'best pizza\npizza near me' },
	},
	{
		orderType: 'customComments',
		parameters: { service: serviceById('2'), link: LINK, comments: 'Great post!\nLove this' },
		form: { service: '2', link: LINK, url: LINK, comments: 'Great post!\nLove this' },
	},
	{
		orderType: 'customCommentsPackage',
		parameters: { service: serviceFromList('8'), link: LINK, comments: 'Nice\nWow\nCool' },
		form: { service: '8', link: LINK, url: LINK, comments: 'Nice\nWow\nCool' },
	},
	{
		orderType: 'mentions',
		parameters: { service: serviceById('9'), link: LINK, quantity: 100, usernames: 'alice\nbob' },
		form: { service: '9', link: LINK, url: LINK, quantity: '100', usernames: 'alice\nbob' },
	},
	{
		orderType: 'mentionsWithHashtags',
		parameters: { service: serviceFromList('10'), link: LINK, quantity: 200, usernames: 'alice\nbob', hashtags: '#summer\n#travel' },
		form: { service: '10', link: LINK, url: LINK, quantity: '200', usernames: 'alice\nbob', hashtags: '#summer\n#travel' },
	},
	{
		orderType: 'mentionsCustomList',
		parameters: { service: serviceById('11'), link: LINK, usernames: 'carol\ndave' },
		form: { service: '11', link: LINK, url: LINK, usernames: 'carol\ndave' },
	},
	{
		orderType: 'mentionsHashtag',
		parameters: { service: serviceFromList('12'), link: LINK, quantity: 300, hashtag: '#summer' },
		form: { service: '12', link: LINK, url: LINK, quantity: '300', hashtag: '#summer' },
	},
	{
		orderType: 'mentionsUserFollowers',
		parameters: { service: serviceById('13'), link: LINK, quantity: 400, username: 'natgeo' },
		form: { service: '13', link: LINK, url: LINK, quantity: '400', username: 'natgeo' },
	},
	{
		orderType: 'mentionsMediaLikers',
		parameters: { service: serviceFromList('14'), link: LINK, quantity: 150, media: 'https://www.instagram.com/p/xyz789/' },
		form: { service: '14', link: LINK, url: LINK, quantity: '150', media: 'https://www.instagram.com/p/xyz789/' },
	},
	{
		orderType: 'commentLikes',
		parameters: { service: serviceById('15'), link: LINK, quantity: 50, username: 'comment_author' },
		form: { service: '15', link: LINK, url: LINK, quantity: '50', username: 'comment_author' },
	},
	{
		orderType: 'commentReplies',
		parameters: { service: serviceFromList('16'), link: LINK, username: 'comment_author', comments: 'Agreed!\nSo true' },
		form: { service: '16', link: LINK, url: LINK, username: 'comment_author', comments: 'Agreed!\nSo true' },
	},
	{
		orderType: 'poll',
		parameters: { service: serviceById('17'), link: 'https://t.me/channel/42', quantity: 250, answerNumber: 2 },
		form: { service: '17', link: 'https://t.me/channel/42', url: 'https://t.me/channel/42', quantity: '250', answer_number: '2' },
	},
	{
		orderType: 'invitesFromGroups',
		parameters: { service: serviceFromList('18'), link: 'https://t.me/mygroup', quantity: 1000, groups: 'https://t.me/group_one\nhttps://t.me/group_two' },
		form: { service: '18', link: 'https://t.me/mygroup', url: 'https://t.me/mygroup', quantity: '1000', groups: 'https://t.me/group_one\nhttps://t.me/group_two' },
	},
	{
		orderType: 'subscriptions',
		parameters: {
			service: serviceById('19'),
			username: 'natgeo',
			min: 100,
			max: 200,
			delay: 30,
			additionalFields: { posts: 10, oldPosts: 5, expiry: '31/12/2099' },
		},
		form: { service: '19', username: 'natgeo', min: '100', max: '200', delay: '30', posts: '10', old_posts: '5', expiry: '31/12/2099' },
	},
	{
		orderType: 'webTraffic',
		parameters: {
			service: serviceFromList('20'),
			link: 'https://shop.example/',
			quantity: 5000,
			country: 'US',
			device: 2,
			typeOfTraffic: 1,
			additionalFields: { googleKeyword: 'best shop', referringUrl: 'https://news.example/article', runs: 4, interval: 60 },
		},
		form: {
			service: '20',
			link: 'https://shop.example/',
			url: 'https://shop.example/',
			quantity: '5000',
			country: 'US',
			device: '2',
			type_of_traffic: '1',
			google_keyword: 'best shop',
			referring_url: 'https://news.example/article',
			runs: '4',
			interval: '60',
		},
	},
];

test('the cases below cover every one of the 17 order types the node offers', () => {
	expect(ORDER_TYPES).toHaveLength(17);
	expect(CASES.map((entry) => entry.orderType).sort()).toEqual(ORDER_TYPES.map((type) => type.value).sort());
});

describe.each(CASES.map((entry) => [entry.orderType, entry] as const))('a %s order', (orderType, entry) => {
	test('sends the panel exactly its fields under the panel\'s names, and outputs the new order id', async () => {
		const { panel, run } = await placeOrder({ orderType, ...entry.parameters });

		expect(run.error).toBeUndefined();
		expect(panel.requests).toHaveLength(1);
		expect(panel.requests[0].form).toEqual({ key: API_KEY, action: 'add', ...entry.form });
		expect(run.json).toEqual([expect.objectContaining({ order: 23501 })]);
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
	});
});

describe('optional fields', () => {
	test('a default order without drip-feed sends no runs or interval', async () => {
		const { panel } = await placeOrder({ orderType: 'default', service: serviceById('1'), link: LINK, quantity: 100 });

		expect(panel.requests[0].form).toEqual({ key: API_KEY, action: 'add', service: '1', link: LINK, url: LINK, quantity: '100' });
	});

	test('a subscription without posts, old posts or expiry sends only username, min, max and delay', async () => {
		const { panel } = await placeOrder({ orderType: 'subscriptions', service: serviceById('19'), username: 'natgeo', min: 10, max: 20, delay: 0 });

		expect(panel.requests[0].form).toEqual({ key: API_KEY, action: 'add', service: '19', username: 'natgeo', min: '10', max: '20', delay: '0' });
	});

	test('a web traffic order without keyword, referrer or drip-feed sends only its required fields', async () => {
		const { panel } = await placeOrder({
			orderType: 'webTraffic',
			service: serviceById('20'),
			link: 'https://shop.example/',
			quantity: 100,
			country: 'DE',
			device: 5,
			typeOfTraffic: 3,
		});

		expect(panel.requests[0].form).toEqual({
			key: API_KEY,
			action: 'add',
			service: '20',
			link: 'https://shop.example/',
			url: 'https://shop.example/',
			quantity: '100',
			country: 'DE',
			device: '5',
			type_of_traffic: '3',
		});
	});

	test('fields the user left at their defaults (device Mixed, blank referrer, no delay) are still sent', async () => {
		const web = await placeOrder({ orderType: 'webTraffic', service: serviceById('20'), link: 'https://shop.example/', quantity: 100, country: 'US' });
		const subscription = await placeOrder({ orderType: 'subscriptions', service: serviceById('19'), username: 'natgeo', min: 10, max: 20 });

		expect(web.panel.requests[0].form).toMatchObject({ device: '5', type_of_traffic: '3' });
		expect(subscription.panel.requests[0].form).toMatchObject({ delay: '0' });
	});

	test('fields of another order type left in the parameters are not sent', async () => {
		const { panel } = await placeOrder({
			orderType: 'package',
			service: serviceById('7'),
			link: LINK,
			quantity: 500,
			comments: 'left over\nfrom before',
			username: 'someone',
		});

		expect(panel.requests[0].form).toEqual({ key: API_KEY, action: 'add', service: '7', link: LINK, url: LINK });
	});
});

describe('multi-line fields', () => {
	const LIST_FIELDS: Array<[string, string, INodeParameters]> = [
		['comments', 'customComments', { link: LINK }],
		['usernames', 'mentionsCustomList', { link: LINK }],
		['hashtags', 'mentionsWithHashtags', { link: LINK, quantity: 100, usernames: 'alice' }],
		['groups', 'invitesFromGroups', { link: 'https://t.me/mygroup', quantity: 100 }],
		['keywords', 'seo', { link: LINK, quantity: 100 }],
	];

	test.each(LIST_FIELDS)('%s typed with a blank line and trailing spaces are sent one entry per line, blanks dropped', async (field, orderType, rest) => {
		const { panel } = await placeOrder({ orderType, service: serviceById('5'), ...rest, [field]: 'a\nb\n\nc ' });

		expect(panel.requests[0].form[field]).toBe('a\nb\nc');
	});

	test.each(LIST_FIELDS)('%s given as an array from an expression are sent one entry per line', async (field, orderType, rest) => {
		const { panel, run } = await placeOrder({ orderType, service: serviceById('5'), ...rest, [field]: '={{ ["a", "b", "", "c "] }}' });

		expect(run.error).toBeUndefined();
		expect(panel.requests[0].form[field]).toBe('a\nb\nc');
	});

	test('comments from each input item\'s array ($json.list) go to that item\'s order', async () => {
		const { panel, run } = await placeOrder(
			{ orderType: 'customComments', service: serviceById('2'), link: '={{ $json.link }}', comments: '={{ $json.list }}' },
			[
				{ link: 'https://www.instagram.com/p/one/', list: ['a', 'b'] },
				{ link: 'https://www.instagram.com/p/two/', list: ['c', 'd', 'e'] },
			],
		);

		expect(run.error).toBeUndefined();
		const sent = new Map(panel.requests.map((request) => [request.form.link, request.form.comments]));
		expect(sent.get('https://www.instagram.com/p/one/')).toBe('a\nb');
		expect(sent.get('https://www.instagram.com/p/two/')).toBe('c\nd\ne');
		expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('Windows line endings are sent as plain new lines', async () => {
		const { panel } = await placeOrder({ orderType: 'customComments', service: serviceById('2'), link: LINK, comments: 'first\r\nsecond\r\n' });

		expect(panel.requests[0].form.comments).toBe('first\nsecond');
	});
});

describe('the service', () => {
	test('picked from the list or typed by id, it is sent as the service id', async () => {
		const fromList = await placeOrder({ orderType: 'package', service: serviceFromList('42'), link: LINK });
		const byId = await placeOrder({ orderType: 'package', service: serviceById('43'), link: LINK });

		expect(fromList.panel.requests[0].form.service).toBe('42');
		expect(byId.panel.requests[0].form.service).toBe('43');
	});

	test('one order per input item, each with its own link and quantity from an expression', async () => {
		const { panel, run } = await placeOrder(
			{ orderType: 'default', service: serviceById('1'), link: '={{ $json.link }}', quantity: '={{ $json.quantity }}' },
			[
				{ link: 'https://www.instagram.com/p/one/', quantity: 100 },
				{ link: 'https://www.instagram.com/p/two/', quantity: 200 },
				{ link: 'https://www.instagram.com/p/three/', quantity: 300 },
			],
		);

		expect(run.json).toHaveLength(3);
		expect(panel.requests.map((request) => [request.form.link, request.form.quantity]).sort()).toEqual([
			['https://www.instagram.com/p/one/', '100'],
			['https://www.instagram.com/p/three/', '300'],
			['https://www.instagram.com/p/two/', '200'],
		]);
		expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});
