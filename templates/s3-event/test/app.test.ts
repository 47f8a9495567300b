import { Client } from 'chalice-ts/test';
import { describe, expect, it } from 'vitest';
import { app } from '../app.js';

describe('{{appName}}', () => {
  it('handles an object created in the bucket', async () => {
    using client = new Client(app);
    const event = client.events.generateS3Event('{{packageName}}-uploads', 'uploads/photo 1.jpg');
    const result = await client.lambda.invoke('handleUpload', event);
    expect(result.payload).toEqual({ bucket: '{{packageName}}-uploads', key: 'uploads/photo 1.jpg' });
  });
});
