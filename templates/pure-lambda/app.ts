import { Chalice } from 'chalice-ts';

export const app = new Chalice({ appName: '{{appName}}' });

// A Lambda function invoked directly (no API Gateway in front), e.g. `chalice invoke --name greet`.
app.lambdaFunction(function greet(event) {
  const name = (event as { name?: string } | null)?.name ?? 'world';
  return { greeting: `hello ${name}` };
});
