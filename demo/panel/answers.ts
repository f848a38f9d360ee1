/** An HTTP answer, ready to send. Bodies are text so dialects can send the sloppy JSON real panels do. */
export interface Answer {
	status: number;
	contentType: string;
	body: string;
	headers?: Record<string, string>;
}

export function jsonAnswer(value: unknown, status = 200): Answer {
	return { status, contentType: 'application/json', body: JSON.stringify(value) };
}

/** Text served as JSON even though it may not parse (seed docs' unquoted words, trailing commas). */
export function rawJsonAnswer(text: string, status = 200): Answer {
	return { status, contentType: 'application/json', body: text };
}

export function errorAnswer(message: string, status = 200): Answer {
	return jsonAnswer({ error: message }, status);
}

export function htmlAnswer(html: string, status: number): Answer {
	return { status, contentType: 'text/html; charset=UTF-8', body: html };
}

export const NOT_FOUND_PAGE = `<!DOCTYPE html>
<html><head><title>404 Not Found</title></head>
<body><h1>Not Found</h1><p>The requested URL was not found on this server.</p></body></html>
`;
