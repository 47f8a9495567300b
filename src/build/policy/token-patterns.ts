/**
 * Token-level patterns shared by the binding collector and the usage scanner: member chains
 * (`a.b["c"].d`), bracket matching and import sources.
 */
import type { Token } from './js-tokenizer.js';

export interface Chain {
  /** `this.s3.putObject` → ['this', 's3', 'putObject']; string-literal members are included. */
  readonly names: readonly string[];
  /** Index of the first token after the chain. */
  readonly end: number;
  /** Set when the chain stops at a computed member (`x[expr]`) whose key is not a literal. */
  readonly computedAt?: number;
}

/** Where an import specifier points: an AWS SDK package or one of the app's own modules. */
export type ImportSource =
  | { readonly kind: 'sdk'; readonly packageName: string }
  | { readonly kind: 'local'; readonly module: string };

export function isPunct(token: Token | undefined, value: string): boolean {
  return token?.kind === 'punct' && token.value === value;
}

export function isIdent(token: Token | undefined, value?: string): boolean {
  return token?.kind === 'ident' && (value === undefined || token.value === value);
}

/** True when `tokens[i]` is reached through `.`/`?.` (a property name, not a variable). */
export function isMemberName(tokens: readonly Token[], i: number): boolean {
  return isPunct(tokens[i - 1], '.') || isPunct(tokens[i - 1], '?.');
}

/** Reads the member chain starting at identifier `tokens[i]`, or undefined if none starts there. */
export function readChain(tokens: readonly Token[], i: number): Chain | undefined {
  const first = tokens[i];
  if (first === undefined || (first.kind !== 'ident' && first.kind !== 'private')) return undefined;
  const names = [first.value];
  let j = i + 1;
  for (;;) {
    const t = tokens[j];
    const next = tokens[j + 1];
    if ((isPunct(t, '.') || isPunct(t, '?.')) && (next?.kind === 'ident' || next?.kind === 'private')) {
      names.push(next.value);
      j += 2;
      continue;
    }
    const open = isPunct(t, '?.') && isPunct(next, '[') ? j + 1 : j;
    if (isPunct(tokens[open], '[')) {
      const key = tokens[open + 1];
      if (key?.kind === 'string' && isPunct(tokens[open + 2], ']')) {
        names.push(key.value);
        j = open + 3;
        continue;
      }
      if (key?.kind === 'template' && key.substitutions === false && isPunct(tokens[open + 2], ']')) {
        names.push(key.value);
        j = open + 3;
        continue;
      }
      return { names, end: j, computedAt: open };
    }
    return { names, end: j };
  }
}

/** Maps each bracket token index to the index of its partner (both directions). */
export function matchBrackets(tokens: readonly Token[]): Map<number, number> {
  const pairs = new Map<number, number>();
  const stack: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'punct') continue;
    if (t.value === '(' || t.value === '[' || t.value === '{') stack.push(i);
    else if (t.value === ')' || t.value === ']' || t.value === '}') {
      const open = stack.pop();
      if (open !== undefined) {
        pairs.set(open, i);
        pairs.set(i, open);
      }
    }
  }
  return pairs;
}

/** `@aws-sdk/client-s3/dist-cjs/index.js` → `@aws-sdk/client-s3`; local specifiers via the graph. */
export function specifierToSource(specifier: string, localImports: ReadonlyMap<string, string>): ImportSource | undefined {
  if (specifier.startsWith('@aws-sdk/')) {
    return { kind: 'sdk', packageName: specifier.split('/').slice(0, 2).join('/') };
  }
  const module = localImports.get(specifier);
  return module === undefined ? undefined : { kind: 'local', module };
}
