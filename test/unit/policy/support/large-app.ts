/**
 * Generates large chalice-ts apps for the policy analyser, together with the IAM actions the
 * generator placed in them, so a test can assert the analysed policy exactly and a benchmark
 * can measure the analysis on thousands of lines.
 *
 * Each app has an `app.ts` with many routes, and `modules` modules in `chalicelib/` that import
 * each other in cycles and are re-exported through `chalicelib/index.ts`. Every module uses the
 * shapes that made the analysis blow up: the same names in every module and every function
 * (`client`, `db`, `request`, `body`), names re-defined and shadowed in each function, long
 * chains of aliases (`const a1 = client; const a2 = a1; …`), and the request/body/headers cycle
 * from the issue report. Some actions are only reachable through a chain of aliases (an
 * aggregated client's method, a command taken from a namespace), so an analyser that gives up
 * on long chains misses them.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Service {
  readonly packageName: string;
  /** IAM service prefix. */
  readonly prefix: string;
  readonly clientClass: string;
  readonly aggregatedClass: string;
  /** Operations whose IAM action is `prefix:Operation`. */
  readonly operations: readonly string[];
}

/** Services whose operations map one-to-one onto IAM actions, so expected actions are plain data. */
export const SERVICES: readonly Service[] = [
  { packageName: '@aws-sdk/client-sqs', prefix: 'sqs', clientClass: 'SQSClient', aggregatedClass: 'SQS', operations: ['SendMessage', 'ReceiveMessage', 'DeleteMessage', 'GetQueueUrl'] },
  { packageName: '@aws-sdk/client-sns', prefix: 'sns', clientClass: 'SNSClient', aggregatedClass: 'SNS', operations: ['Publish', 'ListTopics', 'Subscribe'] },
  { packageName: '@aws-sdk/client-dynamodb', prefix: 'dynamodb', clientClass: 'DynamoDBClient', aggregatedClass: 'DynamoDB', operations: ['GetItem', 'PutItem', 'Query', 'Scan', 'UpdateItem', 'DeleteItem'] },
  { packageName: '@aws-sdk/client-ssm', prefix: 'ssm', clientClass: 'SSMClient', aggregatedClass: 'SSM', operations: ['GetParameter', 'GetParametersByPath', 'PutParameter'] },
  { packageName: '@aws-sdk/client-kinesis', prefix: 'kinesis', clientClass: 'KinesisClient', aggregatedClass: 'Kinesis', operations: ['PutRecord', 'PutRecords', 'DescribeStream'] },
  { packageName: '@aws-sdk/client-secrets-manager', prefix: 'secretsmanager', clientClass: 'SecretsManagerClient', aggregatedClass: 'SecretsManager', operations: ['GetSecretValue', 'DescribeSecret'] },
];

export interface LargeAppOptions {
  /** Modules in chalicelib/. */
  readonly modules: number;
  /** Exported operations per module; app.ts has one route per operation. */
  readonly operationsPerModule: number;
  /** Length of each alias chain. */
  readonly aliasChain: number;
  /** Seeds the choice of services and operations. */
  readonly seed: number;
}

export interface GeneratedApp {
  /** Project-relative path → source. */
  readonly files: ReadonlyMap<string, string>;
  /** Sorted IAM actions the generator placed. */
  readonly actions: string[];
  readonly routes: number;
  readonly lines: number;
}

/** A small deterministic generator (mulberry32), so an app is reproducible from its seed. */
export function seededRandom(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n: number): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const lowerFirst = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

/** The issue's snippet: a request/body/headers cycle of names, defined again in every function. */
export const REQUEST_SNIPPET =
  'const r = { body: body, headers: headers }; const body = request.body; const headers = request.headers; const request = app.currentRequest; app.x(request.headers);';

export function generateLargeApp(options: LargeAppOptions): GeneratedApp {
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[random(items.length)]!;
  const actions = new Set<string>();
  const files = new Map<string, string>();
  const M = options.modules;
  const L = Math.max(1, options.aliasChain);
  // Per module: the service of its aggregated client and of its namespace import.
  const aggregatedOf = Array.from({ length: M }, () => pick(SERVICES));
  const namespaceOf = Array.from({ length: M }, () => pick(SERVICES));
  const routes: string[] = [];

  for (let i = 0; i < M; i++) {
    const next = (i + 1) % M;
    const far = (i * 7 + 3) % M === i ? next : (i * 7 + 3) % M;
    const agg = aggregatedOf[i]!;
    const ns = namespaceOf[i]!;
    const commandImports = new Map<Service, Set<string>>();
    const useCommand = (service: Service, operation: string): string => {
      const set = commandImports.get(service) ?? new Set<string>();
      set.add(operation);
      commandImports.set(service, set);
      actions.add(`${service.prefix}:${operation}`);
      return `${operation}Command_${service.prefix}`;
    };
    const body: string[] = [];
    const chain = (prefix: string, head: string): string => {
      body.push(`const ${prefix}1 = ${head};`);
      for (let k = 2; k <= L; k++) body.push(`const ${prefix}${k} = ${prefix}${k - 1};`);
      return `${prefix}${L}`;
    };
    body.push("import { Chalice } from 'chalice-ts';");
    body.push(`import { ${agg.aggregatedClass} } from '${agg.packageName}';`);
    body.push(`import * as ns from '${ns.packageName}';`);
    if (M > 1) {
      body.push(`import { shared${next} } from './m${next}.js';`);
      body.push(`import { db${far} as remoteDb } from './m${far}.js';`);
    }
    body.push('');
    body.push("const app = new Chalice({ appName: 'helper' });");
    const firstModular = pick(SERVICES);
    body.push(`export const shared${i} = new ${firstModular.clientClass}({});`);
    body.push(`let client = shared${i};`);
    body.push(`export const db${i} = new ${agg.aggregatedClass}({});`);
    const clientAlias = chain('a', 'client');
    const dbAlias = chain('b', `db${i}`);
    const nsAlias = chain('n', 'ns');
    const remoteAlias = M > 1 ? chain('c', 'remoteDb') : undefined;
    body.push('');

    for (let r = 0; r < options.operationsPerModule; r++) {
      const name = `op${i}_${r}`;
      const modular = pick(SERVICES);
      const sent = useCommand(modular, pick(modular.operations));
      const aggOperation = pick(agg.operations);
      actions.add(`${agg.prefix}:${aggOperation}`);
      const nsOperation = pick(ns.operations);
      actions.add(`${ns.prefix}:${nsOperation}`);
      body.push(`export async function ${name}(id: string): Promise<unknown> {`);
      body.push(`  ${REQUEST_SNIPPET}`);
      // Shadows the module's `client` with a client of another service: the command decides.
      body.push(`  const client = new ${modular.clientClass}({ region: 'eu-west-1' });`);
      body.push(`  const db = ${dbAlias};`);
      body.push(`  await client.send(new ${sent}({ id, body: r.body }));`);
      body.push(`  await ${clientAlias}.send(new ${sent}({ id }));`);
      body.push(`  await db.${lowerFirst(aggOperation)}({ id });`);
      body.push(`  await shared${i}.send(new ${nsAlias}.${nsOperation}Command({ id }));`);
      if (remoteAlias !== undefined && r % 2 === 0) {
        const remote = aggregatedOf[far]!;
        const remoteOperation = pick(remote.operations);
        actions.add(`${remote.prefix}:${remoteOperation}`);
        body.push(`  await ${remoteAlias}.${lowerFirst(remoteOperation)}({ id });`);
      }
      if (M > 1 && r % 3 === 0) body.push(`  await shared${next}.send(new ${sent}({ id }));`);
      body.push('  return { id, headers: r.headers };');
      body.push('}');
      body.push('');
      routes.push(`app.route('/m${i}/op${r}/{id}', { methods: ['POST'] }, async ({ id }) => lib.${name}(id));`);
    }

    const imports = [...commandImports].map(
      ([service, operations]) =>
        `import { ${service.clientClass}, ${[...operations].sort().map((op) => `${op}Command as ${op}Command_${service.prefix}`).join(', ')} } from '${service.packageName}';`,
    );
    if (!commandImports.has(firstModular)) imports.push(`import { ${firstModular.clientClass} } from '${firstModular.packageName}';`);
    files.set(`chalicelib/m${i}.ts`, `${[...imports, ...body].join('\n')}\n`);
  }

  files.set('chalicelib/index.ts', `${Array.from({ length: M }, (_, i) => `export * from './m${i}.js';`).join('\n')}\n`);
  files.set(
    'app.ts',
    [
      "import { Chalice } from 'chalice-ts';",
      "import * as lib from './chalicelib/index.js';",
      '',
      "export const app = new Chalice({ appName: 'large' });",
      '',
      ...routes,
      '',
    ].join('\n'),
  );
  let lines = 0;
  for (const source of files.values()) lines += source.split('\n').length - 1;
  return { files, actions: [...actions].sort(), routes: routes.length, lines };
}

/** Writes files into a new temporary project directory and returns its path. */
export async function writeProject(files: ReadonlyMap<string, string>, prefix = 'chalice-ts-policy-'): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  for (const [file, source] of files) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), source);
  }
  return dir;
}

export async function removeProject(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
