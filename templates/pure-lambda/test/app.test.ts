import { Client } from 'chalice-ts/test';
import { describe, expect, it } from 'vitest';
import { app } from '../app.js';

describe('{{appName}}', () => {
  it('greets the name in the event', async () => {
    using client = new Client(app);
    const result = await client.lambda.invoke('greet', { name: 'chalice' });
    expect(result.payload).toEqual({ greeting: 'hello chalice' });
  });

  it('greets the world when the event has no name', async () => {
    using client = new Client(app);
    const result = await client.lambda.invoke('greet');
    expect(result.payload).toEqual({ greeting: 'hello world' });
  });
});
