/**
 * The demo panel's service list: realistic names and prices, covering every one of the 17 order types.
 * Services 1 and 2 match the seed docs' examples; demos and tests rely on them.
 */

export const ORDER_TYPES = [
	'Default',
	'Package',
	'SEO',
	'Custom Comments',
	'Custom Comments Package',
	'Mentions',
	'Mentions with Hashtags',
	'Mentions Custom List',
	'Mentions Hashtag',
	'Mentions User Followers',
	'Mentions Media Likers',
	'Comment Likes',
	'Comment Replies',
	'Poll',
	'Invites from Groups',
	'Subscriptions',
	'Web Traffic',
] as const;

export type OrderType = (typeof ORDER_TYPES)[number];

export interface CatalogService {
	service: number;
	name: string;
	type: OrderType;
	category: string;
	/** Price per 1000 (for package types: the price of one package). */
	rate: string;
	min: string;
	max: string;
	refill: boolean;
	cancel: boolean;
	dripfeed: boolean;
	desc: string;
}

type Row = [
	name: string,
	type: OrderType,
	category: string,
	rate: string,
	min: string,
	max: string,
	flags: { refill?: boolean; cancel?: boolean; dripfeed?: boolean },
	desc: string,
];

// Ids are the 1-based row positions.
const ROWS: Row[] = [
	['Instagram Followers [Default]', 'Default', 'Instagram Followers', '0.90', '50', '10000', { refill: true, cancel: true, dripfeed: true }, 'High quality followers, 30 days refill'],
	['Instagram Comments [Custom Comments]', 'Custom Comments', 'Instagram Comments', '8', '10', '1500', { cancel: true }, 'Your own comments, one per line'],
	['Instagram Followers [Real, Refill 60 days]', 'Default', 'Instagram Followers', '2.40', '100', '50000', { refill: true, cancel: true, dripfeed: true }, 'Real looking profiles, 60 days refill'],
	['Instagram Followers [Fast, No refill]', 'Default', 'Instagram Followers', '0.45', '10', '20000', {}, 'Fast start, no refill, no cancel'],
	['Instagram Likes [Default]', 'Default', 'Instagram Likes', '0.12', '20', '50000', { cancel: true, dripfeed: true }, 'Instant likes'],
	['Instagram Likes [Power, Refill 30 days]', 'Default', 'Instagram Likes', '0.35', '50', '30000', { refill: true, cancel: true, dripfeed: true }, 'Likes from high follower accounts'],
	['Instagram Likes [Package: 1000 likes]', 'Package', 'Instagram Likes', '1.50', '1', '1', {}, 'One package of 1000 likes on a post'],
	['Instagram Comment Likes [Comment Likes]', 'Comment Likes', 'Instagram Comments', '3.20', '20', '5000', { cancel: true }, 'Likes on one comment, give the comment author'],
	['Instagram Comment Replies [Comment Replies]', 'Comment Replies', 'Instagram Comments', '12', '5', '500', {}, 'Replies to one comment, one per line'],
	['Instagram Comments [Package: up to 10 custom comments]', 'Custom Comments Package', 'Instagram Comments', '4.00', '1', '10', {}, 'Fixed price package, up to 10 comments'],
	['Instagram Mentions [Mentions]', 'Mentions', 'Instagram Mentions', '5.00', '100', '10000', { cancel: true }, 'Mentions of the usernames you list'],
	['Instagram Mentions [With Hashtags]', 'Mentions with Hashtags', 'Instagram Mentions', '6.00', '100', '10000', { cancel: true }, 'Mentions with your hashtags'],
	['Instagram Mentions [Custom List]', 'Mentions Custom List', 'Instagram Mentions', '7.50', '10', '1000', {}, 'Mentions of exactly the usernames you list'],
	['Instagram Mentions [Hashtag]', 'Mentions Hashtag', 'Instagram Mentions', '5.50', '100', '10000', { cancel: true }, 'Mentions of users posting a hashtag'],
	['Instagram Mentions [User Followers]', 'Mentions User Followers', 'Instagram Mentions', '6.50', '100', '10000', { cancel: true }, 'Mentions of the followers of a user'],
	['Instagram Mentions [Media Likers]', 'Mentions Media Likers', 'Instagram Mentions', '6.50', '100', '10000', { cancel: true }, 'Mentions of the likers of a post'],
	['Instagram Story Poll Votes [Poll]', 'Poll', 'Instagram Polls', '1.80', '50', '20000', { cancel: true }, 'Votes for one answer of a story poll'],
	['Instagram Auto Likes [Subscriptions]', 'Subscriptions', 'Instagram Subscriptions', '0.20', '50', '5000', { cancel: true }, 'Likes on every new post'],
	['TikTok Views [Default]', 'Default', 'TikTok Views', '0.02', '100', '10000000', { cancel: true, dripfeed: true }, 'Instant views'],
	['TikTok Views [Refill 30 days]', 'Default', 'TikTok Views', '0.05', '100', '5000000', { refill: true, cancel: true, dripfeed: true }, 'Views with 30 days refill'],
	['TikTok Followers [Refill 30 days]', 'Default', 'TikTok Followers', '3.10', '100', '100000', { refill: true, cancel: true, dripfeed: true }, 'Followers with 30 days refill'],
	['TikTok Likes [Default]', 'Default', 'TikTok Likes', '0.80', '50', '50000', { refill: true, cancel: true, dripfeed: true }, 'Likes with 30 days refill'],
	['TikTok Comments [Custom Comments]', 'Custom Comments', 'TikTok Comments', '9.00', '5', '1000', {}, 'Your own comments, one per line'],
	['TikTok Auto Views [Subscriptions]', 'Subscriptions', 'TikTok Subscriptions', '0.03', '100', '100000', { cancel: true }, 'Views on every new video'],
	['YouTube Views [Default]', 'Default', 'YouTube Views', '1.60', '500', '1000000', { refill: true, cancel: true, dripfeed: true }, 'Views with 30 days refill'],
	['YouTube Views [Non drop, Lifetime refill]', 'Default', 'YouTube Views', '2.90', '1000', '1000000', { refill: true, dripfeed: true }, 'Non drop views, lifetime refill'],
	['YouTube Likes [Default]', 'Default', 'YouTube Likes', '1.20', '20', '50000', { refill: true, cancel: true }, 'Likes with 30 days refill'],
	['YouTube Comments [Custom Comments]', 'Custom Comments', 'YouTube Comments', '15.00', '5', '1000', {}, 'Your own comments, one per line'],
	['YouTube Comment Likes [Comment Likes]', 'Comment Likes', 'YouTube Comments', '4.00', '20', '10000', { cancel: true }, 'Likes on one comment, give the comment author'],
	['Telegram Channel Members [Default]', 'Default', 'Telegram Members', '1.10', '100', '50000', { refill: true, cancel: true, dripfeed: true }, 'Members with 30 days refill'],
	['Telegram Members [Invites from Groups]', 'Invites from Groups', 'Telegram Members', '3.50', '100', '20000', { cancel: true }, 'Members invited from the groups you list'],
	['Telegram Post Views [Subscriptions]', 'Subscriptions', 'Telegram Subscriptions', '0.01', '100', '50000', { cancel: true }, 'Views on every new channel post'],
	['Telegram Poll Votes [Poll]', 'Poll', 'Telegram Polls', '0.90', '50', '10000', { cancel: true }, 'Votes for one answer of a poll'],
	['Website Traffic [Worldwide]', 'Web Traffic', 'Website Traffic', '0.35', '1000', '1000000', { cancel: true, dripfeed: true }, 'Visitors from all countries'],
	['Website Traffic [USA, Google keyword]', 'Web Traffic', 'Website Traffic', '0.90', '500', '500000', { cancel: true, dripfeed: true }, 'US visitors from a Google search'],
	['Google Keyword Clicks [SEO]', 'SEO', 'Website SEO', '2.50', '100', '10000', { cancel: true }, 'Search clicks for your keywords, one per line'],
	['X (Twitter) Followers [Default]', 'Default', 'X (Twitter) Followers', '1.90', '100', '20000', { refill: true, cancel: true, dripfeed: true }, 'Followers with 30 days refill'],
	['Facebook Page Likes [Package: 500 likes]', 'Package', 'Facebook Page Likes', '4.20', '1', '1', {}, 'One package of 500 page likes'],
];

export const CATALOG: readonly CatalogService[] = ROWS.map(
	([name, type, category, rate, min, max, flags, desc], index) => ({
		service: index + 1,
		name,
		type,
		category,
		rate,
		min,
		max,
		refill: flags.refill ?? false,
		cancel: flags.cancel ?? false,
		dripfeed: flags.dripfeed ?? false,
		desc,
	}),
);

export function findService(id: string | undefined): CatalogService | undefined {
	if (id === undefined || !/^\d+$/.test(id.trim())) return undefined;
	const wanted = Number(id.trim());
	return CATALOG.find((entry) => entry.service === wanted);
}
