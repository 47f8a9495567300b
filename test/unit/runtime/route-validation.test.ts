import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Chalice, type StandardSchemaV1 } from '../../../src/runtime/index.js';
import { issuePathToText, issuesToText, MAX_ISSUE_LENGTH } from '../../../src/runtime/http/route-validation.js';

describe('validation messages', () => {
  it.each([
    [undefined, ''],
    [[], ''],
    [['name'], 'name'],
    [['items', 0, 'id'], 'items[0].id'],
    [[{ key: 'items' }, { key: 3 }], 'items[3]'],
    [['a b', 'c'], '["a b"].c'],
    [[Symbol('s')], '[Symbol(s)]'],
    [[0], '[0]'],
  ] as [StandardSchemaV1.Issue['path'], string][])('renders the issue path %j as %s', (path, text) => {
    expect(issuePathToText(path)).toBe(text);
  });

  it('lists at most ten issues and counts the rest', () => {
    const issues = Array.from({ length: 12 }, (_, i) => ({ message: `bad ${i}`, path: [i] }));
    expect(issuesToText(issues)).toBe(`${issues.slice(0, 10).map((_, i) => `[${i}]: bad ${i}`).join(', ')}, … and 2 more issues`);
  });

  it('cuts a long issue message', () => {
    const text = issuesToText([{ message: 'x'.repeat(10_000) }]);
    expect(text.length).toBe(MAX_ISSUE_LENGTH);
    expect(text.endsWith('…')).toBe(true);
  });

  it('still says something when a validator fails without issues', () => {
    expect(issuesToText([])).toMatch(/rejected/);
  });
});

describe('registering schemas', () => {
  it.each(['body', 'query', 'response'])('rejects a %s that is not a Standard Schema, naming the route and the fix', (key) => {
    const app = new Chalice({ appName: 'reg' });
    expect(() => app.route('/x', { [key]: { parse: () => 1 } } as never, function view() {})).toThrow(
      new RegExp(`^route /x \\(view view\\): ${key} must be a Standard Schema validator .*got object without a '~standard'`),
    );
  });

  it('records the schemas on every method of the route, and nothing for routes without', () => {
    const app = new Chalice({ appName: 'reg' });
    const body = z.object({ a: z.string() });
    app.route('/x', { methods: ['POST', 'PUT'], body }, function view() {});
    app.route('/y', function plain() {});
    const entries = [...app.routeEntries()];
    expect(entries.map((e) => [e.method, e.schemas?.body === body])).toEqual([['POST', true], ['PUT', true], ['GET', false]]);
    expect(entries[2].schemas).toBeUndefined();
  });
});

describe('response schema mismatches', () => {
  async function brokenApp(debug: boolean) {
    const { Client } = await import('../../../src/testing/index.js');
    const lines: string[] = [];
    const app = new Chalice({ appName: 'mismatch', debug, logSink: (line) => lines.push(line) });
    app.route('/me', { response: z.object({ id: z.string() }) }, function me() {
      return { id: 7 } as unknown as { id: string };
    });
    const client = new Client(app, { onWarning: () => {} });
    const response = await client.http.get('/me');
    client.dispose();
    return { response, log: lines.join('\n') };
  }

  it('logs which view returned what the schema rejects', async () => {
    const { response, log } = await brokenApp(false);
    expect(response.statusCode).toBe(500);
    expect(log).toMatch(/View me returned a body that does not match its response schema: id: Invalid input: expected string, received number/);
  });

  it('shows the issues in the 500 body in debug mode', async () => {
    const { response } = await brokenApp(true);
    expect(response.statusCode).toBe(500);
    expect(response.body.toString('utf8')).toMatch(/does not match its response schema: id: /);
  });
});
