/**
 * Request bodies: application/x-www-form-urlencoded (what panels expect) or, leniently, a JSON object.
 * Every value becomes a string, as a PHP panel would see it.
 */
export type Fields = Record<string, string>;

export function parseFields(contentType: string | undefined, body: string): Fields | undefined {
	if (contentType?.toLowerCase().includes('application/json')) return parseJsonFields(body);
	const fields: Fields = {};
	// PHP keeps the last of repeated fields.
	for (const [name, value] of new URLSearchParams(body)) fields[name] = value;
	return fields;
}

function parseJsonFields(body: string): Fields | undefined {
	let parsed: unknown;
	try {
		parsed = JSON.parse(body);
	} catch {
		return undefined;
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
	const fields: Fields = {};
	for (const [name, value] of Object.entries(parsed)) {
		if (typeof value === 'string') fields[name] = value;
		else if (typeof value === 'number' || typeof value === 'boolean') fields[name] = String(value);
		// Lists such as `orders: [1, 2]` become "1,2", the comma form panels read.
		else if (Array.isArray(value)) fields[name] = value.map(String).join(',');
	}
	return fields;
}
