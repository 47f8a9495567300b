import { Client } from 'chalice-ts/test';
import { describe, expect, it } from 'vitest';
import { app } from '../app.js';

describe('{{appName}} REST API', () => {
  it('answers GET / with hello world', async () => {
    using client = new Client(app);
    const response = await client.http.get('/');
    expect(response.json).toEqual({ hello: 'world' });
  });

  it('passes path parameters to the view', async () => {
    using client = new Client(app);
    const response = await client.http.get('/greet/chalice');
    expect(response.json).toEqual({ greeting: 'hello chalice' });
  });
});

describe('{{appName}} event handlers', () => {
  it('runs the scheduled function', async () => {
    using client = new Client(app);
    const event = client.events.generateCwEvent('aws.events', 'Scheduled Event', {});
    expect((await client.lambda.invoke('everyFiveMinutes', event)).payload).toEqual({ ran: true });
  });

  it('handles an S3 object', async () => {
    using client = new Client(app);
    const event = client.events.generateS3Event('{{packageName}}-uploads', 'report.csv');
    expect((await client.lambda.invoke('handleUpload', event)).payload).toEqual({ bucket: '{{packageName}}-uploads', key: 'report.csv' });
  });

  it('handles an SNS notification', async () => {
    using client = new Client(app);
    const event = client.events.generateSnsEvent('hello', 'greeting');
    expect((await client.lambda.invoke('handleNotification', event)).payload).toEqual({ subject: 'greeting', message: 'hello' });
  });

  it('handles a batch of SQS messages', async () => {
    using client = new Client(app);
    const event = client.events.generateSqsEvent(['first', 'second'], '{{packageName}}-queue');
    expect((await client.lambda.invoke('handleQueueMessage', event)).payload).toEqual(['first', 'second']);
  });

  it('runs the directly invoked function', async () => {
    using client = new Client(app);
    expect((await client.lambda.invoke('echo', { ping: 1 })).payload).toEqual({ event: { ping: 1 } });
  });
});
