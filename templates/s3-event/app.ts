import { Chalice } from 'chalice-ts';

export const app = new Chalice({ appName: '{{appName}}' });

// Runs whenever an object is created under `uploads/` in the bucket. Chalice configures the
// bucket notification when the app is deployed; the bucket itself must already exist.
app.onS3Event('{{packageName}}-uploads', { events: ['s3:ObjectCreated:*'], prefix: 'uploads/' }, function handleUpload(event) {
  app.log.info(`New object: s3://${event.bucket}/${event.key}`);
  return { bucket: event.bucket, key: event.key };
});
