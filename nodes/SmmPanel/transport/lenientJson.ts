/**
 * Panels answer with JSON that is often not quite JSON: seed 002 sends `"status": Success` and
 * trailing commas, seed 004 leaves out commas between fields. This parser accepts those, and
 * nothing that is not JSON-shaped: it returns `undefined` for HTML pages and other text.
 */
export function parseLenientJson(text: string): unknown {
	const trimmed = text.trim();
	if (trimmed === '') return undefined;
	try {
		return JSON.parse(trimmed);
	} catch {
		if (!/^[[{]/.test(trimmed)) return undefined;
		try {
			const parser = new LenientParser(trimmed);
			const value = parser.parseValue();
			parser.skipWhitespace();
			return parser.atEnd() ? value : undefined;
		} catch {
			return undefined;
		}
	}
}

class LenientParser {
	private position = 0;

	constructor(private readonly text: string) {}

	atEnd(): boolean {
		return this.position >= this.text.length;
	}

	skipWhitespace(): void {
		while (!this.atEnd() && /\s/.test(this.text[this.position])) this.position++;
	}

	parseValue(): unknown {
		this.skipWhitespace();
		const char = this.text[this.position];
		if (char === '{') return this.parseObject();
		if (char === '[') return this.parseArray();
		if (char === '"') return this.parseString();
		return this.parseBareWord();
	}

	private expect(char: string): void {
		this.skipWhitespace();
		if (this.text[this.position] !== char) throw new SyntaxError(`expected ${char}`);
		this.position++;
	}

	/** Skips an optional comma: missing and trailing commas are both tolerated. */
	private skipComma(): void {
		this.skipWhitespace();
		if (this.text[this.position] === ',') this.position++;
		this.skipWhitespace();
	}

	private parseObject(): Record<string, unknown> {
		const result: Record<string, unknown> = {};
		this.expect('{');
		this.skipWhitespace();
		while (this.text[this.position] !== '}') {
			if (this.atEnd()) throw new SyntaxError('unterminated object');
			const key = this.text[this.position] === '"' ? this.parseString() : String(this.parseBareWord());
			this.expect(':');
			result[key] = this.parseValue();
			this.skipComma();
		}
		this.position++;
		return result;
	}

	private parseArray(): unknown[] {
		const result: unknown[] = [];
		this.expect('[');
		this.skipWhitespace();
		while (this.text[this.position] !== ']') {
			if (this.atEnd()) throw new SyntaxError('unterminated array');
			result.push(this.parseValue());
			this.skipComma();
		}
		this.position++;
		return result;
	}

	private parseString(): string {
		const start = this.position;
		this.position++;
		while (!this.atEnd() && this.text[this.position] !== '"') {
			if (this.text[this.position] === '\\') this.position++;
			this.position++;
		}
		if (this.atEnd()) throw new SyntaxError('unterminated string');
		this.position++;
		return JSON.parse(this.text.slice(start, this.position)) as string;
	}

	/** Numbers, true/false/null, and unquoted words such as `Success`, which become strings. */
	private parseBareWord(): unknown {
		const match = /^[^\s,:{}[\]"]+/.exec(this.text.slice(this.position));
		if (!match) throw new SyntaxError('unexpected character');
		this.position += match[0].length;
		const word = match[0];
		if (word === 'true') return true;
		if (word === 'false') return false;
		if (word === 'null') return null;
		if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(word)) return Number(word);
		return word;
	}
}
