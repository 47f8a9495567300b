import { Client } from 'chalice-ts/test';
import { describe, expect, it } from 'vitest';
import { app } from '../app.js';

describe('{{appName}}', () => {
  it('answers GET / with hello world', async () => {
    using client = new Client(app);
    const response = await client.http.get('/');
    expect(response.statusCode).toBe(200);
    expect(response.json).toEqual({ hello: 'world' });
  });

  it('answers 403 for a path that has no route, like API Gateway', async () => {
    using client = new Client(app);
    const response = await client.http.get('/no-such-path');
    expect(response.statusCode).toBe(403);
  });
});
