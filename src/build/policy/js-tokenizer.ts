/**
 * A small JavaScript tokenizer for the policy analyser.
 *
 * The analyser reads esbuild's type-stripped output, so it only needs tokens, not a syntax
 * tree: identifiers, punctuators, string and template literals (kept apart so that a `new X`
 * inside a string is not code), numbers and regular expressions. Comments and whitespace are
 * dropped. Template literal substitutions (`${…}`) are tokenized as code.
 */

export type TokenKind = 'ident' | 'punct' | 'string' | 'template' | 'number' | 'regex' | 'private';

export interface Token {
  readonly kind: TokenKind;
  /** Identifier name, punctuator, string contents, or a template literal's leading text. */
  readonly value: string;
  /** Offset of the token's first character in the tokenized code. */
  readonly start: number;
  /** For a template literal chunk: true for the first chunk of the literal. */
  readonly templateHead?: boolean;
  /** For a template head: true when the literal has `${…}` substitutions. */
  readonly substitutions?: boolean;
}

// Longest first, so that `===` wins over `==` and `=`.
const PUNCTUATORS = [
  '>>>=', '...', '===', '!==', '**=', '<<=', '>>=', '>>>', '&&=', '||=', '??=',
  '=>', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '++', '--', '+=', '-=', '*=', '/=',
  '%=', '&=', '|=', '^=', '**', '<<', '>>',
];

// After these keywords a `/` starts a regular expression rather than a division.
const KEYWORDS_BEFORE_EXPRESSION = new Set([
  'return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case',
  'do', 'else', 'yield', 'await',
]);

const IDENT_START = /[\p{ID_Start}$_]/u;
const IDENT_PART = /[\p{ID_Continue}$\u200c\u200d]/u;

export function tokenize(code: string): Token[] {
  const tokens: Token[] = [];
  // '{' for a brace, '${' for an open template substitution.
  const braces: string[] = [];
  let i = 0;

  const readTemplateChunk = (from: number, head: boolean): number => {
    let j = from;
    let text = '';
    while (j < code.length) {
      const c = code[j];
      if (c === '\\') { text += code.slice(j, j + 2); j += 2; continue; }
      if (c === '`') {
        tokens.push({ kind: 'template', value: text, start: from - 1, templateHead: head, substitutions: false });
        return j + 1;
      }
      if (c === '$' && code[j + 1] === '{') {
        tokens.push({ kind: 'template', value: text, start: from - 1, templateHead: head, substitutions: true });
        braces.push('${');
        return j + 2;
      }
      text += c;
      j++;
    }
    tokens.push({ kind: 'template', value: text, start: from - 1, templateHead: head, substitutions: false });
    return j;
  };

  while (i < code.length) {
    const c = code[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v' || c === '\u00a0' || c === '\ufeff' || c === '\u2028' || c === '\u2029') { i++; continue; }
    if (c === '/' && code[i + 1] === '/') { i = skipTo(code, i, '\n'); continue; }
    if (c === '/' && code[i + 1] === '*') { const end = code.indexOf('*/', i + 2); i = end < 0 ? code.length : end + 2; continue; }
    if (c === '#' && code[i + 1] === '!' && i === 0) { i = skipTo(code, i, '\n'); continue; }
    if (c === '"' || c === "'") { i = readString(code, i, tokens); continue; }
    if (c === '`') { i = readTemplateChunk(i + 1, true); continue; }
    if (c === '}' && braces[braces.length - 1] === '${') { braces.pop(); i = readTemplateChunk(i + 1, false); continue; }
    if (IDENT_START.test(c) || c === '\\' || (c === '#' && IDENT_START.test(code[i + 1] ?? ''))) {
      const start = i;
      i = c === '#' ? i + 1 : i;
      while (i < code.length && (IDENT_PART.test(code[i]!) || code[i] === '\\')) i++;
      tokens.push({ kind: c === '#' ? 'private' : 'ident', value: code.slice(start, i), start });
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(code[i + 1] ?? ''))) {
      const start = i;
      i++;
      while (i < code.length && /[\w.]/.test(code[i]!)) i++;
      tokens.push({ kind: 'number', value: code.slice(start, i), start });
      continue;
    }
    if (c === '/' && regexAllowedAfter(tokens[tokens.length - 1])) { i = readRegex(code, i, tokens); continue; }
    const punct = PUNCTUATORS.find((p) => code.startsWith(p, i) && !(p === '?.' && isDigit(code[i + 2] ?? ''))) ?? c;
    if (punct === '{') braces.push('{');
    if (punct === '}') braces.pop();
    tokens.push({ kind: 'punct', value: punct, start: i });
    i += punct.length;
  }
  return tokens;
}

function skipTo(code: string, from: number, ch: string): number {
  const end = code.indexOf(ch, from);
  return end < 0 ? code.length : end;
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function readString(code: string, from: number, tokens: Token[]): number {
  const quote = code[from];
  let j = from + 1;
  let value = '';
  while (j < code.length && code[j] !== quote && code[j] !== '\n') {
    if (code[j] === '\\') { value += code[j + 1] ?? ''; j += 2; continue; }
    value += code[j];
    j++;
  }
  tokens.push({ kind: 'string', value, start: from });
  return j + 1;
}

function regexAllowedAfter(previous: Token | undefined): boolean {
  if (previous === undefined) return true;
  if (previous.kind === 'punct') return previous.value !== ')' && previous.value !== ']' && previous.value !== '}';
  if (previous.kind === 'ident') return KEYWORDS_BEFORE_EXPRESSION.has(previous.value);
  return false;
}

function readRegex(code: string, from: number, tokens: Token[]): number {
  let j = from + 1;
  let inClass = false;
  while (j < code.length && code[j] !== '\n') {
    const c = code[j];
    if (c === '\\') { j += 2; continue; }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) break;
    j++;
  }
  j++;
  while (j < code.length && IDENT_PART.test(code[j]!)) j++;
  tokens.push({ kind: 'regex', value: code.slice(from, j), start: from });
  return j;
}
