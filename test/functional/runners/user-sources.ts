/**
 * The source files of the tiny user projects the runner tests create: one app in the module
 * flavours a user may write, and the expectations every runner's test file checks. The app
 * covers the test client's three parts (http, lambda, events) and the environment variables
 * of `.chalice/config.json` (see PROJECT_CONFIG).
 */

/** Body of the app, after the line that imports `Chalice` and `NotFoundError`. */
const APP_BODY = `
app.route('/hello/{name}', function greet(params) {
  return { hello: params.name, greeting: process.env.GREETING ?? null };
});

app.route('/missing', function missing() {
  throw new NotFoundError('no such thing');
});

app.lambdaFunction(function double(event) {
  return { doubled: event.n * Number(process.env.FACTOR) };
});

app.onSnsMessage('alerts', function onAlert(event) {
  return { subject: event.subject, message: event.message };
});
`;

export const APP_TS = `import { Chalice, NotFoundError } from 'chalice-ts';

export const app = new Chalice({ appName: 'runner-app' });
${APP_BODY.replace('function double(event)', 'function double(event: any)')}`;

export const APP_ESM = `import { Chalice, NotFoundError } from 'chalice-ts';

export const app = new Chalice({ appName: 'runner-app' });
${APP_BODY}`;

export const APP_CJS = `const { Chalice, NotFoundError } = require('chalice-ts');

const app = new Chalice({ appName: 'runner-app' });
${APP_BODY}
module.exports = { app };
`;

/**
 * Test cases shared by every runner, written against a minimal `expect`-like API so the same
 * text runs under jest (`expect`) and node:test (`assert`, through `EXPECT_SHIM`). `using`
 * needs a compiler (TypeScript via tsx); plain JavaScript on Node 20 disposes explicitly.
 */
export function clientTests(options: { readonly usingDeclarations: boolean }): string {
  const scoped = (body: string) =>
    options.usingDeclarations
      ? `{\n    using client = new Client(app);\n${body}\n  }`
      : `{\n    const client = new Client(app);\n    try {\n${body}\n    } finally {\n      client.dispose();\n    }\n  }`;
  return `
test('http.get goes through the API Gateway emulation', async () => ${scoped(`
    const response = await client.http.get('/hello/ada');
    expect(response.statusCode).toBe(200);
    expect(response.json).toEqual({ hello: 'ada', greeting: 'hello' });
    const missing = await client.http.get('/missing');
    expect(missing.statusCode).toBe(404);
    expect(missing.json.Code).toBe('NotFoundError');`)});

test('lambda.invoke runs a function with its own environment variables', async () => ${scoped(`
    const result = await client.lambda.invoke('double', { n: 21 });
    expect(result.payload).toEqual({ doubled: 42 });`)});

test('events.generateSnsEvent builds an event the SNS handler accepts', async () => ${scoped(`
    const event = client.events.generateSnsEvent('disk full', 'ops');
    const result = await client.lambda.invoke('onAlert', event);
    expect(result.payload).toEqual({ subject: 'ops', message: 'disk full' });`)});

test('disposing the client restores the environment variables', () => {
  process.env.GREETING = 'from the shell';
  delete process.env.STAGE_LABEL;
  ${scoped(`
    expect(process.env.GREETING).toBe('hello');
    expect(process.env.STAGE_LABEL).toBe('development');`)}
  expect(process.env.GREETING).toBe('from the shell');
  expect(process.env.STAGE_LABEL).toBe(undefined);
});
`;
}

/** Number of tests `clientTests` defines. */
export const CLIENT_TEST_COUNT = 4;

/** jest's `expect` subset used by `clientTests`, on node:assert (for node:test files). */
export function expectShim(language: 'ts' | 'js'): string {
  const t = language === 'ts' ? ': unknown' : '';
  return `
const expect = (actual${t}) => ({
  toBe: (expected${t}) => assert.strictEqual(actual, expected),
  toEqual: (expected${t}) => assert.deepStrictEqual(actual, expected),
});
`;
}
