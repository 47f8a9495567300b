import { Chalice, Rate } from 'chalice-ts';

export const app = new Chalice({ appName: '{{appName}}' });

// REST API: every route is served by one Lambda function behind API Gateway.
app.route('/', function index() {
  return { hello: 'world' };
});

app.route('/greet/{name}', function greet({ name }) {
  return { greeting: `hello ${name}` };
});

// Runs every 5 minutes.
app.schedule(new Rate(5, Rate.MINUTES), function everyFiveMinutes() {
  return { ran: true };
});

// Objects created in a bucket.
app.onS3Event('{{packageName}}-uploads', { events: ['s3:ObjectCreated:*'] }, function handleUpload(event) {
  return { bucket: event.bucket, key: event.key };
});

// Messages published to an SNS topic.
app.onSnsMessage('{{packageName}}-topic', function handleNotification(event) {
  return { subject: event.subject, message: event.message };
});

// Messages on an SQS queue, delivered in batches.
app.onSqsMessage('{{packageName}}-queue', { batchSize: 1 }, function handleQueueMessage(event) {
  return [...event].map((record) => record.body);
});

// A function invoked directly.
app.lambdaFunction(function echo(event) {
  return { event };
});
