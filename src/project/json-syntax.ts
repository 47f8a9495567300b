/**
 * Locates the first syntax error in a JSON text, for messages of the form `file:line:col`.
 *
 * `JSON.parse` is used to parse; this scanner runs only after it failed, because V8's messages
 * do not always carry a position (e.g. "Unexpected token ']'") and never a line/column on
 * Node 20. It follows RFC 8259 strictly and names the mistakes people make when hand-editing
 * config files: trailing commas, comments, single quotes, missing commas.
 */

export interface JsonSyntaxProblem {
  /** 1-based line of the problem. */
  readonly line: number;
  /** 1-based column (in UTF-16 code units) of the problem. */
  readonly column: number;
  readonly message: string;
}

class Failure {
  constructor(readonly offset: number, readonly message: string) {}
}

/** Returns the first syntax problem in `text`, or undefined if it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxProblem | undefined {
  try {
    const scanner = new Scanner(text);
    scanner.value();
    scanner.skipSpace();
    if (scanner.pos < text.length) scanner.fail('unexpected content after the end of the JSON value');
    return undefined;
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    return { ...offsetToLineColumn(text, error.offset), message: error.message };
  }
}

/** Converts a 0-based offset to a 1-based line and column. */
export function offsetToLineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** RFC 8259 number grammar, sticky so it matches at the scanner position. */
const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

class Scanner {
  pos = 0;
  constructor(private readonly text: string) {}

  fail(message: string, offset = this.pos): never {
    throw new Failure(offset, message);
  }

  skipSpace(): void {
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.pos++;
      else if (c === '/' && (this.text[this.pos + 1] === '/' || this.text[this.pos + 1] === '*')) {
        this.fail('comments are not allowed in JSON; remove the comment');
      } else return;
    }
  }

  value(): void {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === undefined) this.fail('unexpected end of file; a value is missing');
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === "'") this.fail('strings must use double quotes (") in JSON, not single quotes');
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    for (const literal of ['true', 'false', 'null']) {
      if (this.text.startsWith(literal, this.pos)) {
        this.pos += literal.length;
        return;
      }
    }
    this.fail(`unexpected character ${JSON.stringify(c)}; expected a JSON value`);
  }

  private object(): void {
    this.pos++; // '{'
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === undefined) this.fail("unexpected end of file; expected a property name or '}'");
      if (c === "'") this.fail('property names must use double quotes (") in JSON, not single quotes');
      if (c !== '"') this.fail('expected a double-quoted property name');
      this.string();
      this.skipSpace();
      if (this.text[this.pos] !== ':') this.fail("expected ':' after the property name");
      this.pos++;
      this.value();
      this.skipSpace();
      const next = this.text[this.pos];
      if (next === '}') {
        this.pos++;
        return;
      }
      if (next !== ',') {
        this.fail(next === undefined ? "unexpected end of file; expected ',' or '}'" : "expected ',' or '}' after the property value");
      }
      const comma = this.pos;
      this.pos++;
      this.skipSpace();
      if (this.text[this.pos] === '}') this.fail("trailing commas are not allowed in JSON; remove the ',' before '}'", comma);
    }
  }

  private array(): void {
    this.pos++; // '['
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return;
    }
    for (;;) {
      this.value();
      this.skipSpace();
      const next = this.text[this.pos];
      if (next === ']') {
        this.pos++;
        return;
      }
      if (next !== ',') {
        this.fail(next === undefined ? "unexpected end of file; expected ',' or ']'" : "expected ',' or ']' after the array element");
      }
      const comma = this.pos;
      this.pos++;
      this.skipSpace();
      if (this.text[this.pos] === ']') this.fail("trailing commas are not allowed in JSON; remove the ',' before ']'", comma);
    }
  }

  private string(): void {
    const start = this.pos;
    this.pos++; // opening quote
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === '"') {
        this.pos++;
        return;
      }
      if (c === '\\') {
        const escape = this.text[this.pos + 1];
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) this.fail('invalid \\u escape; expected 4 hex digits');
          this.pos += 6;
        } else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) {
          this.pos += 2;
        } else {
          this.fail(`invalid escape sequence \\${escape ?? ''} in string`);
        }
      } else if (c < ' ') {
        this.fail(c === '\n' ? 'unterminated string (line break inside a string)' : 'control character inside a string; escape it');
      } else {
        this.pos++;
      }
    }
    this.fail('unterminated string', start);
  }

  private number(): void {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (!match) this.fail('invalid number');
    this.pos += match[0].length;
  }
}
