/**
 * The 17 order types of API v2 and the fields each one sends. Field descriptions live in
 * `orderFields.ts`; this file is the one table to read to see what a type needs.
 */
export type OrderFieldName =
	| 'link'
	| 'quantity'
	| 'keywords'
	| 'comments'
	| 'usernames'
	| 'hashtags'
	| 'hashtag'
	| 'username'
	| 'media'
	| 'answerNumber'
	| 'groups'
	| 'min'
	| 'max'
	| 'delay'
	| 'country'
	| 'device'
	| 'typeOfTraffic';

export type OptionalOrderFieldName =
	| 'runs'
	| 'interval'
	| 'posts'
	| 'oldPosts'
	| 'expiry'
	| 'googleKeyword'
	| 'referringUrl';

export interface OrderType {
	value: string;
	name: string;
	/** How panels spell the type in their service list. */
	panelType: string;
	fields: OrderFieldName[];
	optional: OptionalOrderFieldName[];
}

export const ORDER_TYPES: OrderType[] = [
	{ value: 'default', name: 'Default', panelType: 'Default', fields: ['link', 'quantity'], optional: ['runs', 'interval'] },
	{ value: 'package', name: 'Package', panelType: 'Package', fields: ['link'], optional: [] },
	{ value: 'seo', name: 'SEO', panelType: 'SEO', fields: ['link', 'quantity', 'keywords'], optional: [] },
	{ value: 'customComments', name: 'Custom Comments', panelType: 'Custom Comments', fields: ['link', 'comments'], optional: [] },
	{ value: 'customCommentsPackage', name: 'Custom Comments Package', panelType: 'Custom Comments Package', fields: ['link', 'comments'], optional: [] },
	{ value: 'mentions', name: 'Mentions', panelType: 'Mentions', fields: ['link', 'quantity', 'usernames'], optional: [] },
	{ value: 'mentionsWithHashtags', name: 'Mentions With Hashtags', panelType: 'Mentions with Hashtags', fields: ['link', 'quantity', 'usernames', 'hashtags'], optional: [] },
	{ value: 'mentionsCustomList', name: 'Mentions Custom List', panelType: 'Mentions Custom List', fields: ['link', 'usernames'], optional: [] },
	{ value: 'mentionsHashtag', name: 'Mentions Hashtag', panelType: 'Mentions Hashtag', fields: ['link', 'quantity', 'hashtag'], optional: [] },
	{ value: 'mentionsUserFollowers', name: 'Mentions User Followers', panelType: 'Mentions User Followers', fields: ['link', 'quantity', 'username'], optional: [] },
	{ value: 'mentionsMediaLikers', name: 'Mentions Media Likers', panelType: 'Mentions Media Likers', fields: ['link', 'quantity', 'media'], optional: [] },
	{ value: 'commentLikes', name: 'Comment Likes', panelType: 'Comment Likes', fields: ['link', 'quantity', 'username'], optional: [] },
	{ value: 'commentReplies', name: 'Comment Replies', panelType: 'Comment Replies', fields: ['link', 'username', 'comments'], optional: [] },
	{ value: 'poll', name: 'Poll', panelType: 'Poll', fields: ['link', 'quantity', 'answerNumber'], optional: [] },
	{ value: 'invitesFromGroups', name: 'Invites From Groups', panelType: 'Invites from Groups', fields: ['link', 'quantity', 'groups'], optional: [] },
	{ value: 'subscriptions', name: 'Subscriptions', panelType: 'Subscriptions', fields: ['username', 'min', 'max', 'delay'], optional: ['posts', 'oldPosts', 'expiry'] },
	{
		value: 'webTraffic',
		name: 'Web Traffic',
		panelType: 'Web Traffic',
		fields: ['link', 'quantity', 'country', 'device', 'typeOfTraffic'],
		optional: ['googleKeyword', 'referringUrl', 'runs', 'interval'],
	},
];

/** The form field each parameter is sent as. */
export const FORM_FIELD_NAMES: Record<OrderFieldName | OptionalOrderFieldName, string> = {
	link: 'link',
	quantity: 'quantity',
	keywords: 'keywords',
	comments: 'comments',
	usernames: 'usernames',
	hashtags: 'hashtags',
	hashtag: 'hashtag',
	username: 'username',
	media: 'media',
	answerNumber: 'answer_number',
	groups: 'groups',
	min: 'min',
	max: 'max',
	delay: 'delay',
	country: 'country',
	device: 'device',
	typeOfTraffic: 'type_of_traffic',
	runs: 'runs',
	interval: 'interval',
	posts: 'posts',
	oldPosts: 'old_posts',
	expiry: 'expiry',
	googleKeyword: 'google_keyword',
	referringUrl: 'referring_url',
};

export const MULTI_LINE_FIELDS: Array<OrderFieldName> = ['comments', 'usernames', 'hashtags', 'groups', 'keywords'];

export const SUBSCRIPTION_DELAYS = [0, 5, 10, 15, 20, 30, 40, 50, 60, 90, 120, 150, 180, 210, 240, 270, 300, 360, 420, 480, 540, 600];

export function orderTypesUsing(field: OrderFieldName | OptionalOrderFieldName): string[] {
	return ORDER_TYPES.filter((type) => [...type.fields, ...type.optional].includes(field as never)).map((type) => type.value);
}

export function findOrderType(value: string): OrderType | undefined {
	return ORDER_TYPES.find((type) => type.value === value);
}
