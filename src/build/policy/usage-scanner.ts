/**
 * Finds the AWS SDK calls in one module's tokens, given the module scopes of the whole app.
 *
 * A command class (or paginator, or `Upload`) counts wherever its value is referenced: in
 * type-stripped code a surviving reference means it is constructed, passed or re-exported, and
 * counting it needs no data flow. Aggregated clients count per method call, and so do the
 * calls chalice-ts makes for the app (`app.websocketApi.send`). What cannot be
 * resolved statically (a `send` of an unknown value, a computed member on an SDK module or
 * client, a computed SDK import) becomes a warning.
 */
import { aggregatedMethodToActions, own, sdkExportToMeaning } from './action-resolver.js';
import type { Token } from './js-tokenizer.js';
import { CHALICE_RUNTIME_CALLS } from './sdk-libraries.js';
import type { ModuleScope } from './module-scope.js';
import type { Binding, ScopeResolver } from './scope-resolver.js';
import { isIdent, isMemberName, isPunct, readChain } from './token-patterns.js';
import type { PolicyWarning } from './types.js';

export interface ScannableModule {
  readonly path: string;
  readonly tokens: readonly Token[];
  readonly brackets: ReadonlyMap<number, number>;
  readonly scope: ModuleScope;
  readonly lineOf: (offset: number) => number;
}

export interface ModuleUsage {
  readonly actions: ReadonlySet<string>;
  readonly warnings: readonly PolicyWarning[];
}

const POLICY_FILE_FIX = 'set "autogen_policy": false in .chalice/config.json and write the policy in .chalice/policy-<stage>.json';

export function scanModuleUsage(module: ScannableModule, resolver: ScopeResolver): ModuleUsage {
  const { tokens, scope } = module;
  const actions = new Set<string>();
  const warnings: PolicyWarning[] = [];
  const warn = (tokenIndex: number, what: string, hint?: string): void => {
    const fix = hint === undefined ? POLICY_FILE_FIX : `${hint}, or ${POLICY_FILE_FIX}`;
    const message = `${what}, so the generated IAM policy may be incomplete; ${fix}`;
    warnings.push({ file: module.path, line: module.lineOf(tokens[tokenIndex]!.start), message });
  };
  const resolve = (names: readonly string[]) => resolver.resolveChain(module.path, names);

  for (let i = 0; i < tokens.length; i++) {
    if (scope.declarationTokens.has(i)) continue;
    const t = tokens[i]!;
    if ((isIdent(t, 'require') || isIdent(t, 'import')) && isPunct(tokens[i + 1], '(') && !isMemberName(tokens, i)) {
      if (isComputedSdkSpecifier(tokens, i + 2)) warn(i, `${t.value}() loads an AWS SDK package whose name is computed at run time`, 'name the package literally');
      continue;
    }
    if (isIdent(t, 'new')) {
      scanChainedCallOnNewClient(i);
      continue;
    }
    if ((t.kind !== 'ident' && t.kind !== 'private') || isMemberName(tokens, i)) continue;
    const chain = readChain(tokens, i);
    if (chain === undefined) continue;
    scanChain(i, chain.names, chain.end, chain.computedAt);
    i = chain.end - 1;
  }
  return { actions, warnings };

  function scanChain(at: number, names: readonly string[], end: number, computedAt: number | undefined): void {
    // The shortest prefix that names an SDK export decides (`PutObjectCommand.name` counts).
    for (let m = 1; m <= names.length; m++) {
      const exports = resolve(names.slice(0, m)).filter(isSdkExport);
      if (exports.length === 0) continue;
      for (const binding of exports) {
        const meaning = sdkExportToMeaning(binding.packageName, binding.name);
        if (meaning.kind === 'actions') meaning.actions.forEach((a) => actions.add(a));
        if (meaning.kind === 'unmapped') warn(at, meaning.reason);
      }
      break;
    }
    if (computedAt !== undefined) {
      const targets = resolve(names);
      for (const target of targets) {
        if (target.kind === 'sdk-namespace') warn(at, `${names.join('.')}[...] picks an export of ${target.packageName} by a computed name`, 'import the commands you use by name');
      }
      if (targets.some((t) => t.kind === 'client' && t.aggregated)) warn(at, `${names.join('.')}[...] calls an AWS SDK client method whose name is computed at run time`, 'call the methods you use by name');
    }
    if (names.length < 2 || !isPunct(tokens[end], '(')) return;
    const method = names.at(-1)!;
    own(own(CHALICE_RUNTIME_CALLS, names.at(-2)!), method)?.forEach((a) => actions.add(a));
    const clients = resolve(names.slice(0, -1)).filter((b) => b.kind === 'client');
    if (clients.length === 0) return;
    if (method === 'send') {
      if (!isIdentifiableCommand(end + 1)) warn(at, `${names.join('.')}(...) sends a command the analyser cannot identify`, 'construct the command in the call, as in send(new PutObjectCommand({...}))');
      return;
    }
    for (const client of clients) {
      if (client.aggregated) aggregatedMethodToActions(client.packageName, method)?.forEach((a) => actions.add(a));
    }
  }

  /** `new S3({}).putObject(...)`: a method called straight on a new aggregated client. */
  function scanChainedCallOnNewClient(at: number): void {
    const chain = readChain(tokens, at + 1);
    if (chain === undefined || !isPunct(tokens[chain.end], '(')) return;
    const close = module.brackets.get(chain.end);
    if (close === undefined || !isPunct(tokens[close + 1], '.') || tokens[close + 2]?.kind !== 'ident' || !isPunct(tokens[close + 3], '(')) return;
    for (const target of resolve(chain.names).filter(isSdkExport)) {
      const meaning = sdkExportToMeaning(target.packageName, target.name);
      if (meaning.kind === 'client-class' && meaning.aggregated) aggregatedMethodToActions(target.packageName, tokens[close + 2]!.value)?.forEach((a) => actions.add(a));
    }
  }

  /** The argument of send() at `j` is `new KnownCommand(...)` or a variable holding one. */
  function isIdentifiableCommand(j: number): boolean {
    if (isIdent(tokens[j], 'new')) {
      const chain = readChain(tokens, j + 1);
      const targets = chain && chain.computedAt === undefined ? resolve(chain.names) : [];
      return targets.some((t) => t.kind === 'sdk-export' && sdkExportToMeaning(t.packageName, t.name).kind === 'actions');
    }
    const chain = readChain(tokens, j);
    if (chain === undefined || chain.computedAt !== undefined) return false;
    if (!isPunct(tokens[chain.end], ')') && !isPunct(tokens[chain.end], ',')) return false;
    return resolve(chain.names).some((t) => t.kind === 'command-instance');
  }
}

function isSdkExport(binding: Binding): binding is Extract<Binding, { kind: 'sdk-export' }> {
  return binding.kind === 'sdk-export';
}

/** `` require(`@aws-sdk/client-${name}`) `` or `import('@aws-sdk/client-' + name)`. */
function isComputedSdkSpecifier(tokens: readonly Token[], j: number): boolean {
  const arg = tokens[j];
  if (arg?.kind === 'template' && arg.substitutions === true) return arg.value.startsWith('@aws-sdk/');
  if (arg?.kind === 'string' && arg.value.startsWith('@aws-sdk/')) return isPunct(tokens[j + 1], '+');
  return false;
}
