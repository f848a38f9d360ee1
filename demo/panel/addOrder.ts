import type { CatalogService, OrderType } from './catalog';
import type { Fields } from './forms';
import { chargePerThousand } from './money';
import type { NewOrder } from './orders';

/**
 * Validation of an `add` request against its service's order type (see panel-api.md), turning the form
 * fields into a NewOrder. Like real panels, fields a type does not use are ignored, not refused.
 */

const REQUIRED_FIELDS: Record<OrderType, readonly string[]> = {
	Default: ['link', 'quantity'],
	Package: ['link'],
	SEO: ['link', 'quantity', 'keywords'],
	'Custom Comments': ['link', 'comments'],
	'Custom Comments Package': ['link', 'comments'],
	Mentions: ['link', 'quantity', 'usernames'],
	'Mentions with Hashtags': ['link', 'quantity', 'usernames', 'hashtags'],
	'Mentions Custom List': ['link', 'usernames'],
	'Mentions Hashtag': ['link', 'quantity', 'hashtag'],
	'Mentions User Followers': ['link', 'quantity', 'username'],
	'Mentions Media Likers': ['link', 'quantity', 'media'],
	'Comment Likes': ['link', 'quantity', 'username'],
	'Comment Replies': ['link', 'username', 'comments'],
	Poll: ['link', 'quantity', 'answer_number'],
	'Invites from Groups': ['link', 'quantity', 'groups'],
	Subscriptions: ['username', 'min', 'max', 'delay'],
	'Web Traffic': ['link', 'quantity', 'country', 'device', 'type_of_traffic'],
};

/** Types whose quantity is the number of lines of a list rather than a `quantity` field. */
const QUANTITY_FROM_LINES: Partial<Record<OrderType, string>> = {
	'Custom Comments': 'comments',
	'Custom Comments Package': 'comments',
	'Comment Replies': 'comments',
	'Mentions Custom List': 'usernames',
};

/** Types whose rate is the price of the whole package, not a price per 1000. */
const PACKAGE_PRICED = new Set<OrderType>(['Package', 'Custom Comments Package']);

/** Types that may be drip-fed (runs + interval), when their service has `dripfeed`. */
const DRIP_FEED_TYPES = new Set<OrderType>(['Default', 'Web Traffic']);

const SUBSCRIPTION_DELAYS = new Set([
	0, 5, 10, 15, 20, 30, 40, 50, 60, 90, 120, 150, 180, 210, 240, 270, 300, 360, 420, 480, 540, 600,
]);

export function buildOrder(service: CatalogService, rawFields: Fields): NewOrder | { error: string } {
	// Panels name the target `link`, seed 002 calls it `url`: take either.
	const fields: Fields = { ...rawFields, link: present(rawFields.link) ?? present(rawFields.url) ?? '' };
	const type = service.type;

	for (const name of REQUIRED_FIELDS[type]) {
		if (present(fields[name]) === undefined) return { error: `Missing field: ${name}` };
	}
	const typeError = checkTypeSpecificFields(type, fields);
	if (typeError) return { error: typeError };

	if (type === 'Subscriptions') return buildSubscription(service, fields);

	let quantity: number;
	const listField = QUANTITY_FROM_LINES[type];
	if (listField) quantity = lines(fields[listField]).length;
	else if (type === 'Package') quantity = 1;
	else {
		const parsed = positiveInt(fields.quantity);
		if (parsed === undefined) return { error: 'Incorrect quantity' };
		quantity = parsed;
	}
	const rangeError = checkRange(service, quantity);
	if (rangeError) return { error: rangeError };

	let dripFeed: NewOrder['dripFeed'];
	if (service.dripfeed && DRIP_FEED_TYPES.has(type)) {
		const dripFeedOrError = parseDripFeed(fields);
		if (typeof dripFeedOrError === 'string') return { error: dripFeedOrError };
		dripFeed = dripFeedOrError;
	}
	// Drip-feed quantity is per run (the Perfect Panel convention), so the order delivers quantity * runs.
	const total = quantity * (dripFeed?.runs ?? 1);
	const chargeUnits = PACKAGE_PRICED.has(type)
		? chargePerThousand(service.rate, 1000)
		: chargePerThousand(service.rate, total);
	return { service, link: fields.link, quantity: total, chargeUnits, dripFeed };
}

function buildSubscription(service: CatalogService, fields: Fields): NewOrder | { error: string } {
	const min = positiveInt(fields.min);
	const max = positiveInt(fields.max);
	if (min === undefined) return { error: 'Incorrect min' };
	if (max === undefined) return { error: 'Incorrect max' };
	const rangeError = checkRange(service, min) ?? checkRange(service, max);
	if (rangeError) return { error: rangeError };
	if (min > max) return { error: 'Min must not be greater than max' };
	const delay = nonNegativeInt(fields.delay);
	if (delay === undefined || !SUBSCRIPTION_DELAYS.has(delay)) return { error: 'Incorrect delay' };
	for (const optional of ['posts', 'old_posts']) {
		if (present(fields[optional]) !== undefined && nonNegativeInt(fields[optional]) === undefined) {
			return { error: `Incorrect ${optional}` };
		}
	}
	if (present(fields.expiry) !== undefined && !/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(fields.expiry.trim())) {
		return { error: 'Incorrect expiry date, expected d/m/Y' };
	}
	const postsLimit = present(fields.posts) === undefined ? undefined : nonNegativeInt(fields.posts);
	// A subscription costs nothing up front: each new post becomes a charged order of its own.
	return {
		service,
		username: fields.username.trim(),
		quantity: max,
		chargeUnits: 0,
		subscription: { postsLimit },
	};
}

function checkTypeSpecificFields(type: OrderType, fields: Fields): string | undefined {
	if (type === 'Poll' && positiveInt(fields.answer_number) === undefined) return 'Incorrect answer_number';
	if (type !== 'Web Traffic') return undefined;
	const device = positiveInt(fields.device);
	if (device === undefined || device > 5) return 'Incorrect device (1 desktop, 2 android, 3 iOS, 4 mixed mobile, 5 mixed)';
	const traffic = positiveInt(fields.type_of_traffic);
	if (traffic === undefined || traffic > 3) return 'Incorrect type_of_traffic (1 Google keyword, 2 custom referrer, 3 blank)';
	if (traffic === 1 && present(fields.google_keyword) === undefined) return 'Missing field: google_keyword';
	if (traffic === 2 && present(fields.referring_url) === undefined) return 'Missing field: referring_url';
	return undefined;
}

function checkRange(service: CatalogService, quantity: number): string | undefined {
	if (quantity < Number(service.min)) return 'neworder.error.min_quantity';
	if (quantity > Number(service.max)) return 'neworder.error.max_quantity';
	return undefined;
}

function parseDripFeed(fields: Fields): NewOrder['dripFeed'] | string {
	const hasRuns = present(fields.runs) !== undefined;
	const hasInterval = present(fields.interval) !== undefined;
	if (!hasRuns && !hasInterval) return undefined;
	if (!hasRuns) return 'Missing field: runs';
	if (!hasInterval) return 'Missing field: interval';
	const runs = positiveInt(fields.runs);
	const intervalMinutes = positiveInt(fields.interval);
	if (runs === undefined) return 'Incorrect runs';
	if (intervalMinutes === undefined) return 'Incorrect interval';
	return { runs, intervalMinutes };
}

function present(value: string | undefined): string | undefined {
	return value !== undefined && value.trim() !== '' ? value : undefined;
}

/** Lists (comments, usernames, groups) are one entry per line, \n or \r\n. */
function lines(value: string): string[] {
	return value
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter((line) => line !== '');
}

function positiveInt(value: string | undefined): number | undefined {
	const parsed = nonNegativeInt(value);
	return parsed === undefined || parsed === 0 ? undefined : parsed;
}

function nonNegativeInt(value: string | undefined): number | undefined {
	if (value === undefined || !/^\d{1,12}$/.test(value.trim())) return undefined;
	return Number(value.trim());
}
