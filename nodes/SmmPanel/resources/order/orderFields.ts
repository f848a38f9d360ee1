import type { INodeProperties } from 'n8n-workflow';

import {
	type OptionalOrderFieldName,
	type OrderFieldName,
	SUBSCRIPTION_DELAYS,
	orderTypesUsing,
} from './orderTypes';

type FieldText = Omit<INodeProperties, 'name' | 'displayOptions'>;

const listText = (what: string, example: string): FieldText => ({
	displayName: what,
	type: 'string',
	typeOptions: { rows: 4 },
	default: '',
	required: true,
	placeholder: example,
	description: `One per line, or an array from an expression`,
});

// Fields show in this order, which is each type's order in the contract (e.g. Comment Replies:
// link, the comment's author, then the replies).
const REQUIRED_FIELD_TEXT: Record<OrderFieldName, FieldText> = {
	link: { displayName: 'Link', type: 'string', default: '', required: true, placeholder: 'https://www.instagram.com/p/abc123/', description: 'The page, post or profile to deliver to' },
	quantity: { displayName: 'Quantity', type: 'number', typeOptions: { minValue: 1 }, default: 1000, required: true, description: 'How many to deliver, within the service\'s min and max' },
	username: { displayName: 'Username', type: 'string', default: '', required: true, placeholder: 'alice', description: 'The username the type needs: the followers\' source, the comment\'s author, or the account to subscribe to' },
	usernames: listText('Usernames', 'alice\nbob'),
	hashtags: listText('Hashtags', '#summer\n#travel'),
	hashtag: { displayName: 'Hashtag', type: 'string', default: '', required: true, placeholder: '#summer', description: 'The hashtag whose users are mentioned' },
	media: { displayName: 'Media', type: 'string', default: '', required: true, placeholder: 'https://www.instagram.com/p/abc123/', description: 'The media whose likers are mentioned' },
	answerNumber: { displayName: 'Answer Number', type: 'number', typeOptions: { minValue: 1 }, default: 1, required: true, description: 'Which poll answer to vote for (1 is the first)' },
	keywords: listText('Keywords', 'best pizza\npizza near me'),
	comments: listText('Comments', 'Great post!\nLove this'),
	groups: listText('Groups', 'https://t.me/group_one\nhttps://t.me/group_two'),
	min: { displayName: 'Min', type: 'number', typeOptions: { minValue: 1 }, default: 100, required: true, description: 'Smallest quantity for each new post' },
	max: { displayName: 'Max', type: 'number', typeOptions: { minValue: 1 }, default: 200, required: true, description: 'Largest quantity for each new post' },
	delay: {
		displayName: 'Delay (Minutes)',
		type: 'options',
		options: SUBSCRIPTION_DELAYS.map((minutes) => ({ name: minutes === 0 ? 'No Delay' : `${minutes} Minutes`, value: minutes })),
		default: 0,
		required: true,
		description: 'How long after a new post the delivery starts',
	},
	country: { displayName: 'Country', type: 'string', default: '', required: true, placeholder: 'US', description: 'Country of the visitors (code or name, as the service describes)' },
	device: {
		displayName: 'Device',
		type: 'options',
		options: [
			{ name: 'Desktop', value: 1 },
			{ name: 'Android', value: 2 },
			{ name: 'iOS', value: 3 },
			{ name: 'Mixed Mobile', value: 4 },
			{ name: 'Mixed', value: 5 },
		],
		default: 5,
		required: true,
	},
	typeOfTraffic: {
		displayName: 'Type of Traffic',
		type: 'options',
		options: [
			{ name: 'Google Keyword', value: 1 },
			{ name: 'Custom Referrer', value: 2 },
			{ name: 'Blank Referrer', value: 3 },
		],
		default: 3,
		required: true,
	},
};

// In the order of each type's optional fields in the contract (Web Traffic: keyword and referrer
// first, as they go with its Type of Traffic).
const OPTIONAL_FIELD_TEXT: Record<OptionalOrderFieldName, FieldText> = {
	posts: { displayName: 'Posts', type: 'number', typeOptions: { minValue: 1 }, default: 10, description: 'Limit the number of new posts to deliver to; unlimited when not set' },
	oldPosts: { displayName: 'Old Posts', type: 'number', typeOptions: { minValue: 1 }, default: 5, description: 'Also deliver to this many existing posts, where the service offers it' },
	expiry: { displayName: 'Expiry', type: 'string', default: '', placeholder: '31/12/2026', description: 'Last day of the subscription, as d/m/Y' },
	googleKeyword: { displayName: 'Google Keyword', type: 'string', default: '', placeholder: 'running shoes', description: 'The keyword visitors search for (type of traffic: Google Keyword)' },
	referringUrl: { displayName: 'Referring URL', type: 'string', default: '', placeholder: 'https://example.com/', description: 'Where visitors come from (type of traffic: Custom Referrer)' },
	runs: { displayName: 'Runs (Drip-Feed)', type: 'number', typeOptions: { minValue: 1 }, default: 2, description: 'Deliver in this many runs; only for services with drip-feed' },
	interval: { displayName: 'Interval (Minutes)', type: 'number', typeOptions: { minValue: 1 }, default: 60, description: 'Minutes between drip-feed runs' },
};

const showForCreate = { resource: ['order'], operation: ['create'] };

/** Each required field once, shown for exactly the order types that send it. */
export const requiredOrderFields: INodeProperties[] = (Object.keys(REQUIRED_FIELD_TEXT) as OrderFieldName[]).map((name) => ({
	...REQUIRED_FIELD_TEXT[name],
	name,
	displayOptions: { show: { ...showForCreate, orderType: orderTypesUsing(name) } },
}));

/** The optional fields, for the `additionalFields` collection, each shown for the types that take it. */
export const optionalOrderFields: INodeProperties[] = (Object.keys(OPTIONAL_FIELD_TEXT) as OptionalOrderFieldName[]).map((name) => ({
	...OPTIONAL_FIELD_TEXT[name],
	name,
	displayOptions: { show: { '/orderType': orderTypesUsing(name) } },
}));
