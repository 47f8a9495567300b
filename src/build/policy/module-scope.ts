/**
 * What each name in a module refers to, as far as the AWS SDK is concerned.
 *
 * Collection records *definitions* (an import, `x = new S3Client()`, `x = y.z`, a destructured
 * `require`) without resolving them; `ScopeResolver` (scope-resolver.ts) resolves them across
 * all modules, so the order of declarations and of modules does not matter and a client created
 * in `chalicelib/aws.ts` is known where `app.ts` imports it. Names are not scoped: a name stands
 * for every value it is given anywhere in its module (a shadowed or re-assigned name keeps all
 * of them), and property names (`this.s3 = new S3()`, `{ s3: new S3() }`) share the table.
 * That is coarse, but it errs toward finding calls.
 */
import type { Token } from './js-tokenizer.js';
import { isIdent, isMemberName, isPunct, readChain, specifierToSource, type ImportSource } from './token-patterns.js';

/** An unresolved definition; `name: '*'` imports the whole module. */
export type Definition =
  | { readonly kind: 'import'; readonly source: ImportSource; readonly name: string }
  | { readonly kind: 'new'; readonly chain: readonly string[] }
  | { readonly kind: 'factory'; readonly chain: readonly string[] }
  | { readonly kind: 'alias'; readonly chain: readonly string[] };

export type ExportRef = { readonly kind: 'local'; readonly name: string } | { readonly kind: 'import'; readonly source: ImportSource; readonly name: string };

export interface ModuleScope {
  readonly definitions: ReadonlyMap<string, readonly Definition[]>;
  readonly exports: ReadonlyMap<string, ExportRef>;
  readonly starExports: readonly ImportSource[];
  /** Token indices inside import/export declarations and destructuring patterns. */
  readonly declarationTokens: ReadonlySet<number>;
}

const DEFAULT_EXPORT_NAME = '*default*';
const TERMINATORS = new Set([';', ',', ')', '}', ']']);

export function collectModuleScope(tokens: readonly Token[], brackets: ReadonlyMap<number, number>, localImports: ReadonlyMap<string, string>): ModuleScope {
  const definitions = new Map<string, Definition[]>();
  const exports = new Map<string, ExportRef>();
  const starExports: ImportSource[] = [];
  const declarationTokens = new Set<number>();
  const define = (name: string, definition: Definition | undefined): void => {
    if (definition === undefined) return;
    const list = definitions.get(name) ?? [];
    list.push(definition);
    definitions.set(name, list);
  };
  const markDeclaration = (from: number, to: number): void => {
    for (let k = from; k < to; k++) declarationTokens.add(k);
  };
  const sourceAt = (i: number): ImportSource | undefined =>
    tokens[i]?.kind === 'string' ? specifierToSource(tokens[i]!.value, localImports) : undefined;

  /** Parses `{ a, b as c, "d" as e }` from the `{` at `open`; returns [imported, local] pairs. */
  const readSpecifiers = (open: number): Array<[string, string]> => {
    const close = brackets.get(open) ?? open;
    const pairs: Array<[string, string]> = [];
    for (let k = open + 1; k < close; k++) {
      const t = tokens[k]!;
      if (t.kind !== 'ident' && t.kind !== 'string') continue;
      if (isIdent(tokens[k + 1], 'as') && tokens[k + 2] !== undefined) {
        pairs.push([t.value, tokens[k + 2]!.value]);
        k += 2;
      } else pairs.push([t.value, t.value]);
    }
    return pairs;
  };

  /** The definition an expression starting at `j` makes, for the shapes the analyser follows. */
  const readExpression = (j: number): Definition | undefined => {
    while (isIdent(tokens[j], 'await')) j++;
    if (isIdent(tokens[j], 'new')) {
      const chain = readChain(tokens, j + 1);
      return chain && chain.computedAt === undefined ? { kind: 'new', chain: chain.names } : undefined;
    }
    if ((isIdent(tokens[j], 'require') || isIdent(tokens[j], 'import')) && isPunct(tokens[j + 1], '(') && isPunct(tokens[j + 3], ')')) {
      const source = sourceAt(j + 2);
      if (source === undefined) return undefined;
      const member = isPunct(tokens[j + 4], '.') && tokens[j + 5]?.kind === 'ident' ? tokens[j + 5]!.value : '*';
      return { kind: 'import', source, name: member };
    }
    const chain = readChain(tokens, j);
    if (chain === undefined || chain.computedAt !== undefined) return undefined;
    if (chain.names.length > 1 && chain.names.at(-1) === 'from' && isPunct(tokens[chain.end], '(')) {
      return { kind: 'factory', chain: chain.names.slice(0, -1) };
    }
    const after = tokens[chain.end];
    if (after === undefined || (after.kind === 'punct' && TERMINATORS.has(after.value))) return { kind: 'alias', chain: chain.names };
    return undefined;
  };

  const memberOf = (definition: Definition | undefined, name: string): Definition | undefined => {
    if (definition?.kind === 'import' && definition.name === '*') return { kind: 'import', source: definition.source, name };
    if (definition?.kind === 'alias') return { kind: 'alias', chain: [...definition.chain, name] };
    return undefined;
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (isIdent(t, 'import') && !isMemberName(tokens, i) && !isPunct(tokens[i + 1], '(')) {
      i = collectImport(i);
      continue;
    }
    if (isIdent(t, 'export') && !isMemberName(tokens, i)) {
      i = collectExport(i);
      continue;
    }
    // `{ a, b: c } = <expr>`: destructuring a namespace or an object.
    if (isPunct(t, '}') && isPunct(tokens[i + 1], '=')) {
      const open = brackets.get(i);
      if (open === undefined) continue;
      const source = readExpression(i + 2);
      for (let k = open + 1; k < i; k++) {
        const key = tokens[k]!;
        if (key.kind !== 'ident' || (!isPunct(tokens[k - 1], '{') && !isPunct(tokens[k - 1], ','))) continue;
        const renamed = isPunct(tokens[k + 1], ':') && tokens[k + 2]?.kind === 'ident' ? tokens[k + 2]!.value : key.value;
        define(renamed, memberOf(source, key.value));
      }
      markDeclaration(open, i + 1);
      continue;
    }
    // `name = <expr>`, `obj.name = <expr>`, `#name = <expr>`, `{ name: <expr> }`.
    if ((t.kind === 'ident' || t.kind === 'private') && (isPunct(tokens[i + 1], '=') || (isPunct(tokens[i + 1], ':') && (isPunct(tokens[i - 1], '{') || isPunct(tokens[i - 1], ','))))) {
      define(t.value, readExpression(i + 2));
      // CommonJS: `exports.name = …` / `module.exports.name = …`.
      if (isPunct(tokens[i + 1], '=') && isPunct(tokens[i - 1], '.') && isIdent(tokens[i - 2], 'exports')) {
        exports.set(t.value, { kind: 'local', name: t.value });
      }
    }
  }
  return { definitions, exports, starExports, declarationTokens };

  function collectImport(i: number): number {
    // import d from 's'; import * as ns from 's'; import d, { a as b } from 's'; import 's';
    let j = i + 1;
    let defaultName: string | undefined;
    let namespaceName: string | undefined;
    let specifiers: Array<[string, string]> = [];
    if (tokens[j]?.kind === 'ident' && !isIdent(tokens[j], 'from')) {
      defaultName = tokens[j]!.value;
      j++;
      if (isPunct(tokens[j], ',')) j++;
    }
    if (isPunct(tokens[j], '*') && isIdent(tokens[j + 1], 'as')) {
      namespaceName = tokens[j + 2]?.value;
      j += 3;
    } else if (isPunct(tokens[j], '{')) {
      specifiers = readSpecifiers(j);
      j = (brackets.get(j) ?? j) + 1;
    }
    if (isIdent(tokens[j], 'from')) j++;
    const source = sourceAt(j);
    markDeclaration(i, j + 1);
    if (source !== undefined) {
      // A default import of a CommonJS SDK package is the module object, like a namespace.
      if (defaultName !== undefined) define(defaultName, { kind: 'import', source, name: source.kind === 'sdk' ? '*' : 'default' });
      if (namespaceName !== undefined) define(namespaceName, { kind: 'import', source, name: '*' });
      for (const [imported, local] of specifiers) define(local, { kind: 'import', source, name: imported });
    }
    return j;
  }

  function collectExport(i: number): number {
    const next = tokens[i + 1];
    if (isPunct(next, '{')) {
      const close = brackets.get(i + 1) ?? i + 1;
      const specifiers = readSpecifiers(i + 1);
      if (isIdent(tokens[close + 1], 'from')) {
        const source = sourceAt(close + 2);
        if (source !== undefined) for (const [imported, exported] of specifiers) exports.set(exported, { kind: 'import', source, name: imported });
        markDeclaration(i, close + 3);
        return close + 2;
      }
      for (const [local, exported] of specifiers) exports.set(exported, { kind: 'local', name: local });
      markDeclaration(i, close + 1);
      return close;
    }
    if (isPunct(next, '*')) {
      const named = isIdent(tokens[i + 2], 'as') ? tokens[i + 3]?.value : undefined;
      const fromAt = named === undefined ? i + 2 : i + 4;
      const source = sourceAt(fromAt + 1);
      if (source !== undefined) {
        if (named === undefined) starExports.push(source);
        else exports.set(named, { kind: 'import', source, name: '*' });
      }
      markDeclaration(i, fromAt + 2);
      return fromAt + 1;
    }
    if (isIdent(next, 'const') || isIdent(next, 'let') || isIdent(next, 'var')) {
      const name = tokens[i + 2];
      if (name?.kind === 'ident') exports.set(name.value, { kind: 'local', name: name.value });
      return i + 1;
    }
    if (isIdent(next, 'default')) {
      define(DEFAULT_EXPORT_NAME, readExpression(i + 2));
      exports.set('default', { kind: 'local', name: DEFAULT_EXPORT_NAME });
      return i + 1;
    }
    return i;
  }
}
