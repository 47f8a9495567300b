// Property: on random programs from a small grammar (client constructions, aliases, re-definitions,
// the same local names in many functions, object properties, send() and aggregated calls, imports across modules in
// cycles), the analyser finds exactly the actions a naive reference model of the grammar
// predicts, and finishes. The model is the analyser's documented semantics computed the slow,
// obvious way: a name stands for everything any of its definitions in its module may stand for
// (iterated until nothing changes), and a call needs the action of what its receiver may be.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { aggregatedMethodToActions, sdkExportToMeaning } from '../../../src/build/policy/action-resolver.js';
import { analyzeSdkUsage } from '../../../src/build/policy/index.js';

const SERVICES = [
  { key: 'sqs', packageName: '@aws-sdk/client-sqs', client: 'SQSClient', aggregated: 'SQS', namespace: 'nsSqs' },
  { key: 'sns', packageName: '@aws-sdk/client-sns', client: 'SNSClient', aggregated: 'SNS', namespace: 'nsSns' },
  { key: 'ddb', packageName: '@aws-sdk/client-dynamodb', client: 'DynamoDBClient', aggregated: 'DynamoDB', namespace: 'nsDdb' },
] as const;
type ServiceKey = (typeof SERVICES)[number]['key'];
/** Operations used for commands, methods and namespace members; some exist on only one service. */
const OPERATIONS = ['SendMessage', 'Publish', 'GetItem', 'ListTopics'] as const;
/** Command aliases imported into every module: `import { SendMessageCommand as K0 } …`. */
const COMMANDS: ReadonlyArray<{ readonly alias: string; readonly service: ServiceKey; readonly operation: string }> = [
  { alias: 'K0', service: 'sqs', operation: 'SendMessage' },
  { alias: 'K1', service: 'sns', operation: 'Publish' },
  { alias: 'K2', service: 'ddb', operation: 'GetItem' },
];
const VARS = ['v0', 'v1', 'v2', 'v3'] as const;
/** Declared again in every function (`let w0, w1;`): the same names in many scopes. */
const LOCALS = ['w0', 'w1'] as const;
const MODULE_FILES = ['app.ts', 'm1.ts', 'm2.ts'];

type Expr = { readonly kind: 'new'; readonly service: ServiceKey; readonly aggregated: boolean } | { readonly kind: 'name'; readonly ref: Ref };
/** A name a statement reads: an own variable, a command alias, a namespace, or another module's variable. */
type Ref =
  | { readonly kind: 'var'; readonly name: string }
  | { readonly kind: 'command'; readonly index: number }
  | { readonly kind: 'namespace'; readonly service: ServiceKey }
  | { readonly kind: 'imported'; readonly module: number; readonly name: string };
type Stmt =
  | { readonly kind: 'assign'; readonly target: string; readonly expr: Expr }
  | { readonly kind: 'property'; readonly key: string; readonly value: Ref }
  | { readonly kind: 'send-command'; readonly receiver: Ref; readonly command: number }
  | { readonly kind: 'send-member'; readonly receiver: Ref; readonly via: Ref; readonly operation: string }
  | { readonly kind: 'call'; readonly receiver: Ref; readonly operation: string };
interface ModuleProgram {
  readonly topLevel: readonly Stmt[];
  readonly functions: ReadonlyArray<readonly Stmt[]>;
}

// --- the grammar ---------------------------------------------------------------------------

const serviceKey = fc.constantFrom<ServiceKey>('sqs', 'sns', 'ddb');
const varName = fc.constantFrom(...VARS);
const refArb = (modules: number, inFunction: boolean): fc.Arbitrary<Ref> =>
  fc.oneof(
    { weight: 4, arbitrary: (inFunction ? fc.constantFrom(...VARS, ...LOCALS) : varName).map((name): Ref => ({ kind: 'var', name })) },
    { weight: 1, arbitrary: fc.nat(COMMANDS.length - 1).map((index): Ref => ({ kind: 'command', index })) },
    { weight: 1, arbitrary: serviceKey.map((service): Ref => ({ kind: 'namespace', service })) },
    ...(modules > 1
      ? [{ weight: 2, arbitrary: fc.record({ module: fc.nat(modules - 1), name: varName }).map(({ module, name }): Ref => ({ kind: 'imported', module, name })) }]
      : []),
  );
const exprArb = (modules: number, inFunction: boolean): fc.Arbitrary<Expr> =>
  fc.oneof(
    fc.record({ service: serviceKey, aggregated: fc.boolean() }).map(({ service, aggregated }): Expr => ({ kind: 'new', service, aggregated })),
    refArb(modules, inFunction).map((ref): Expr => ({ kind: 'name', ref })),
  );
const stmtArb = (modules: number, inFunction: boolean): fc.Arbitrary<Stmt> => {
  const ref = refArb(modules, inFunction);
  const target = inFunction ? fc.constantFrom(...VARS, ...LOCALS) : varName;
  const operation = fc.constantFrom(...OPERATIONS);
  const assign = fc.record({ target, expr: exprArb(modules, inFunction) }).map((s): Stmt => ({ kind: 'assign', ...s }));
  const property = fc.record({ key: target, value: ref }).map((s): Stmt => ({ kind: 'property', ...s }));
  if (!inFunction) return fc.oneof({ weight: 3, arbitrary: assign }, { weight: 1, arbitrary: property });
  return fc.oneof(
    { weight: 3, arbitrary: assign },
    { weight: 1, arbitrary: property },
    { weight: 2, arbitrary: fc.record({ receiver: ref, command: fc.nat(COMMANDS.length - 1) }).map((s): Stmt => ({ kind: 'send-command', ...s })) },
    { weight: 1, arbitrary: fc.record({ receiver: ref, via: ref, operation }).map((s): Stmt => ({ kind: 'send-member', ...s })) },
    { weight: 2, arbitrary: fc.record({ receiver: ref, operation }).map((s): Stmt => ({ kind: 'call', ...s })) },
  );
};
const programArb = fc.integer({ min: 1, max: 3 }).chain((modules) =>
  fc.array(
    fc.record({
      topLevel: fc.array(stmtArb(modules, false), { maxLength: 8 }),
      functions: fc.array(fc.array(stmtArb(modules, true), { maxLength: 8 }), { maxLength: 4 }),
    }),
    { minLength: modules, maxLength: modules },
  ),
);

// --- rendering -----------------------------------------------------------------------------

const service = (key: ServiceKey) => SERVICES.find((s) => s.key === key)!;
const lowerFirst = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);
const specifier = (module: number): string => `./${MODULE_FILES[module]!.replace('.ts', '.js')}`;

/** The identifier a reference is written as in module `self` (imported variables are `m1_v2`). */
function refName(ref: Ref): string {
  switch (ref.kind) {
    case 'var':
      return ref.name;
    case 'command':
      return COMMANDS[ref.index]!.alias;
    case 'namespace':
      return service(ref.service).namespace;
    case 'imported':
      return `m${ref.module}_${ref.name}`;
  }
}

/** An imported variable of the module itself reads its own variable. */
function normalise(ref: Ref, self: number): Ref {
  return ref.kind === 'imported' && ref.module === self ? { kind: 'var', name: ref.name } : ref;
}

function renderStmt(stmt: Stmt, self: number): string {
  const name = (ref: Ref) => refName(normalise(ref, self));
  switch (stmt.kind) {
    case 'assign': {
      const value = stmt.expr.kind === 'new' ? `new ${stmt.expr.aggregated ? service(stmt.expr.service).aggregated : service(stmt.expr.service).client}({})` : name(stmt.expr.ref);
      return `${stmt.target} = ${value};`;
    }
    case 'property':
      return `o = { ${stmt.key}: ${name(stmt.value)} };`;
    case 'send-command':
      return `await ${name(stmt.receiver)}.send(new ${COMMANDS[stmt.command]!.alias}({}));`;
    case 'send-member':
      return `await ${name(stmt.receiver)}.send(new ${name(stmt.via)}.${stmt.operation}Command({}));`;
    case 'call':
      return `await ${name(stmt.receiver)}.${lowerFirst(stmt.operation)}({});`;
  }
}

function renderModule(program: ModuleProgram, self: number, modules: number): string {
  const lines: string[] = [];
  for (const s of SERVICES) {
    const commands = COMMANDS.filter((c) => c.service === s.key).map((c) => `${c.operation}Command as ${c.alias}`);
    lines.push(`import { ${[s.client, s.aggregated, ...commands].join(', ')} } from '${s.packageName}';`);
    lines.push(`import * as ${s.namespace} from '${s.packageName}';`);
  }
  for (let j = 0; j < modules; j++) {
    if (j === self) continue;
    // A side-effect import keeps every module in the graph even when no name of it is used.
    lines.push(`import '${specifier(j)}';`);
    lines.push(`import { ${VARS.map((v) => `${v} as m${j}_${v}`).join(', ')} } from '${specifier(j)}';`);
  }
  lines.push(`let ${VARS.join(', ')}, o;`);
  for (const stmt of program.topLevel) lines.push(renderStmt(stmt, self));
  program.functions.forEach((body, k) => {
    // Locals, not a re-declared module variable: esbuild renames a local that shadows one.
    lines.push(`export async function f${k}() {`, `  let ${LOCALS.join(', ')};`);
    for (const stmt of body) lines.push(`  ${renderStmt(stmt, self)}`);
    lines.push('}');
  });
  lines.push(`export { ${VARS.join(', ')} };`, '');
  return lines.join('\n');
}

// --- the reference model -------------------------------------------------------------------

/** Values a name may hold: `client:<service>:<aggregated>`, `command:<index>`, `namespace:<service>`. */
function expectedActions(programs: readonly ModuleProgram[]): string[] {
  const modules = programs.length;
  const values = new Map<string, Set<string>>(); // `${module}:${identifier}` → values
  const get = (module: number, identifier: string) => values.get(`${module}:${identifier}`) ?? new Set<string>();
  const refValues = (ref: Ref, self: number): Set<string> => {
    const r = normalise(ref, self);
    switch (r.kind) {
      case 'var':
        return get(self, r.name);
      case 'command':
        return new Set([`command:${r.index}`]);
      case 'namespace':
        return new Set([`namespace:${r.service}`]);
      case 'imported':
        return get(r.module, r.name);
    }
  };
  const statements = (m: number) => [...programs[m]!.topLevel, ...programs[m]!.functions.flat()];
  for (let changed = true; changed; ) {
    changed = false;
    for (let m = 0; m < modules; m++) {
      for (const stmt of statements(m)) {
        let target: string;
        let incoming: Set<string>;
        if (stmt.kind === 'assign') {
          target = stmt.target;
          incoming = stmt.expr.kind === 'new' ? new Set([`client:${stmt.expr.service}:${stmt.expr.aggregated}`]) : refValues(stmt.expr.ref, m);
        } else if (stmt.kind === 'property') {
          target = stmt.key;
          incoming = refValues(stmt.value, m);
        } else continue;
        const current = get(m, target);
        for (const value of incoming) {
          if (!current.has(value)) {
            current.add(value);
            changed = true;
          }
        }
        values.set(`${m}:${target}`, current);
      }
    }
  }

  const actions = new Set<string>();
  const commandActions = (vals: Set<string>): string[] =>
    [...vals].filter((v) => v.startsWith('command:')).map((v) => {
      const command = COMMANDS[Number(v.slice('command:'.length))]!;
      return `${command.service === 'ddb' ? 'dynamodb' : command.service}:${command.operation}`;
    });
  for (let m = 0; m < modules; m++) {
    // Every variable is named in a `let` line, and every reference counts a command class it holds.
    const declared = programs[m]!.functions.length > 0 ? [...VARS, ...LOCALS] : VARS;
    const referenced: Ref[] = declared.map((name): Ref => ({ kind: 'var', name }));
    for (const stmt of statements(m)) {
      if (stmt.kind === 'assign' && stmt.expr.kind === 'name') referenced.push(stmt.expr.ref);
      if (stmt.kind === 'property') referenced.push(stmt.value);
      if (stmt.kind === 'send-command') referenced.push(stmt.receiver, { kind: 'command', index: stmt.command });
      if (stmt.kind === 'call') referenced.push(stmt.receiver);
      if (stmt.kind === 'send-member') {
        referenced.push(stmt.receiver);
        // `new X.OpCommand`: X's own command classes decide if it has any, else X's namespaces' member.
        const via = refValues(stmt.via, m);
        const own = commandActions(via);
        own.forEach((a) => actions.add(a));
        if (own.length === 0) {
          for (const v of via) {
            if (!v.startsWith('namespace:')) continue;
            const meaning = sdkExportToMeaning(service(v.slice('namespace:'.length) as ServiceKey).packageName, `${stmt.operation}Command`);
            if (meaning.kind === 'actions') meaning.actions.forEach((a) => actions.add(a));
          }
        }
      }
      if (stmt.kind === 'call') {
        for (const v of refValues(stmt.receiver, m)) {
          const [kind, key, aggregated] = v.split(':');
          if (kind === 'client' && aggregated === 'true') aggregatedMethodToActions(service(key as ServiceKey).packageName, lowerFirst(stmt.operation))?.forEach((a) => actions.add(a));
        }
      }
    }
    for (const ref of referenced) commandActions(refValues(ref, m)).forEach((a) => actions.add(a));
  }
  return [...actions].sort();
}

// --- the property --------------------------------------------------------------------------

describe('policy analysis of random programs', () => {
  let root: string;
  let run = 0;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'chalice-ts-policy-random-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('finds exactly the actions the reference model predicts, and terminates', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(programArb, async (programs) => {
        const dir = path.join(root, String(run++));
        await mkdir(dir);
        await Promise.all(programs.map((program, m) => writeFile(path.join(dir, MODULE_FILES[m]!), renderModule(program, m, programs.length))));

        const usage = await analyzeSdkUsage('app.ts', { projectDir: dir });

        expect(usage.actions).toEqual(expectedActions(programs));
        expect(usage.files).toHaveLength(programs.length);
      }),
      { numRuns: Number(process.env.POLICY_PROPERTY_RUNS ?? 100) },
    );
  });
});
