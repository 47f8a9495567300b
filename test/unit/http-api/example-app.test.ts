/** examples/http-api works as its header comment says (through the test client). */
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { Client } from '../../../src/testing/index.js';
import { app } from '../../../examples/http-api/app.js';

const projectDir = fileURLToPath(new URL('../../../examples/http-api/', import.meta.url));

it('serves the example HTTP API app', async () => {
  using client = new Client(app, { projectDir, onWarning: () => {} });
  expect((await client.http.get('/')).json).toEqual({ hello: 'world' });
  expect((await client.http.get('/nope')).json).toEqual({ message: 'Not Found' });
  expect((await client.http.get('/reports', { headers: { 'X-Api-Token': 'letmein' } })).json).toEqual({ team: 'reporting' });
  expect((await client.http.get('/reports', { headers: { 'X-Api-Token': 'wrong' } })).statusCode).toBe(403);
  expect((await client.http.get('/me')).statusCode).toBe(401);
  const preflight = await client.http.request('OPTIONS', '/orders', { headers: { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'POST' } });
  expect(preflight.statusCode).toBe(204);
  expect(preflight.headers['access-control-allow-origin']).toBe('https://app.example.com');
});
