/**
 * Cost of schema-first routes in the REST entry point: a POST with a small JSON body through
 * `createRestApiHandler`, three ways in one process (warmed up, alternating rounds, median
 * round reported):
 *   - declared: `{ body: User }` (zod) — validation by the runtime before the view;
 *   - by hand (the baseline): no schema, the view calls `User.safeParse(request.jsonBody)`;
 *   - none: no validation at all (what validation costs on top of a plain route).
 * Run: `npx tsx bench/schemas.ts [invocations-per-round]`. No assertions.
 */
import { z } from 'zod';
import { BadRequestError, Chalice, type APIGatewayProxyEvent, type APIGatewayProxyResult } from '../src/runtime/index.js';
import { createRestApiHandler } from '../src/runtime/entrypoints/rest-api.js';

const PER_ROUND = Number(process.argv[2] ?? 50_000);
const ROUNDS = 7;

const User = z.object({ name: z.string().min(1), email: z.string(), age: z.number().int().optional(), tags: z.array(z.string()) });

function postEvent(resource: string): APIGatewayProxyEvent {
  return {
    resource,
    path: resource,
    httpMethod: 'POST',
    headers: { 'Content-Type': 'application/json' },
    multiValueHeaders: { 'Content-Type': ['application/json'] },
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    requestContext: { resourcePath: resource, httpMethod: 'POST', stage: 'api', path: `/api${resource}`, identity: { sourceIp: '203.0.113.7' } },
    body: JSON.stringify({ name: 'Ada', email: 'ada@example.com', age: 36, tags: ['a', 'b'] }),
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEvent;
}

const app = new Chalice({ appName: 'bench' });
app.route('/declared', { methods: ['POST'], body: User }, function declared(_params, request) {
  return { ok: request.jsonBody.name };
});
app.route('/by-hand', { methods: ['POST'] }, function byHand(_params, request) {
  const parsed = User.safeParse(request.jsonBody);
  if (!parsed.success) throw new BadRequestError(parsed.error.message);
  return { ok: parsed.data.name };
});
app.route('/none', { methods: ['POST'] }, function none(_params, request) {
  return { ok: (request.jsonBody as { name: string }).name };
});
const handler = createRestApiHandler(app);

async function round(event: APIGatewayProxyEvent, n: number): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await handler(event);
  return Number(process.hrtime.bigint() - start) / n;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const cases = { declared: postEvent('/declared'), 'by hand': postEvent('/by-hand'), none: postEvent('/none') };
  for (const event of Object.values(cases)) {
    const result: APIGatewayProxyResult = await handler(event);
    if (result.statusCode !== 200 || result.body !== '{"ok":"Ada"}') throw new Error(`unexpected ${JSON.stringify(result)}`);
    await round(event, PER_ROUND);
  }
  const times = Object.fromEntries(Object.keys(cases).map((name) => [name, [] as number[]]));
  for (let r = 0; r < ROUNDS; r++) for (const [name, event] of Object.entries(cases)) times[name].push(await round(event, PER_ROUND));
  const base = median(times['by hand']);
  console.log(`Schema-first routes, POST with a JSON body — ${ROUNDS} rounds × ${PER_ROUND.toLocaleString('en-US')} invocations (median round)`);
  for (const [name, values] of Object.entries(times)) {
    const ns = median(values);
    console.log(`  ${name.padEnd(9)} ${(ns / 1000).toFixed(2).padStart(7)} µs/invocation   ${(ns / base).toFixed(2)}× the by-hand baseline`);
  }
}

await main();
