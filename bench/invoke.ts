/**
 * In-process cost of the REST entry point: a hello route (`{hello:'world'}`) invoked through
 * `createRestApiHandler` against a hand-written async handler that returns the same result
 * from the same event. Both run in one process, warmed up, in alternating rounds; the
 * median round of each is reported. Run: `npx tsx bench/invoke.ts [invocations-per-round]`.
 * No assertions: the number is for people and for the baseline in the same run.
 */
import { Chalice, type APIGatewayProxyEvent, type APIGatewayProxyResult, type LambdaContext } from '../src/runtime/index.js';
import { createRestApiHandler } from '../src/runtime/entrypoints/rest-api.js';

const PER_ROUND = Number(process.argv[2] ?? 100_000);
const ROUNDS = 7;

/** A GET / as API Gateway sends it through its CloudFront edge: the usual header load. */
function helloEvent(): APIGatewayProxyEvent {
  const multiValueHeaders: Record<string, string[]> = {
    Accept: ['*/*'],
    'Accept-Encoding': ['gzip, deflate, br'],
    'CloudFront-Forwarded-Proto': ['https'],
    'CloudFront-Is-Desktop-Viewer': ['true'],
    'CloudFront-Is-Mobile-Viewer': ['false'],
    'CloudFront-Is-SmartTV-Viewer': ['false'],
    'CloudFront-Is-Tablet-Viewer': ['false'],
    'CloudFront-Viewer-Country': ['US'],
    Host: ['abc123defg.execute-api.us-west-2.amazonaws.com'],
    'User-Agent': ['curl/8.5.0'],
    Via: ['2.0 0123456789abcdef.cloudfront.net (CloudFront)'],
    'X-Amz-Cf-Id': ['cDehVQoZnx43VYQb9j2-nvCh-9z396Uhbp027Y2JvkCPNLmGJHqlaA=='],
    'X-Amzn-Trace-Id': ['Root=1-5e66d96f-7491f09xmpl79d18acf3d050'],
    'X-Forwarded-For': ['203.0.113.7, 198.51.100.1'],
    'X-Forwarded-Port': ['443'],
    'X-Forwarded-Proto': ['https'],
  };
  return {
    resource: '/',
    path: '/',
    httpMethod: 'GET',
    headers: Object.fromEntries(Object.entries(multiValueHeaders).map(([k, v]) => [k, v[v.length - 1]])),
    multiValueHeaders,
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123defg',
      resourceId: 'a1b2c3',
      resourcePath: '/',
      httpMethod: 'GET',
      stage: 'api',
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      path: '/api/',
      protocol: 'HTTP/1.1',
      domainName: 'abc123defg.execute-api.us-west-2.amazonaws.com',
      requestTimeEpoch: 1428582896000,
      identity: { sourceIp: '203.0.113.7', userAgent: 'curl/8.5.0' },
    },
    body: null,
    isBase64Encoded: false,
  };
}

const context: LambdaContext = {
  functionName: 'hello-dev',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-west-2:123456789012:function:hello-dev',
  memoryLimitInMB: '128',
  awsRequestId: 'bench',
  logGroupName: '/aws/lambda/hello-dev',
  logStreamName: 'bench',
  getRemainingTimeInMillis: () => 3000,
};

type Handler = (event: APIGatewayProxyEvent, context: LambdaContext) => Promise<APIGatewayProxyResult>;

const app = new Chalice({ appName: 'hello' });
app.route('/', function index() {
  return { hello: 'world' };
});
const chaliceHandler: Handler = createRestApiHandler(app);

/** What someone would write by hand for the same route, reading the event the same way. */
const baselineHandler: Handler = async (event): Promise<APIGatewayProxyResult> => {
  if (event.requestContext.resourcePath !== '/' || event.httpMethod !== 'GET') {
    return { statusCode: 404, headers: {}, multiValueHeaders: {}, body: '', isBase64Encoded: false };
  }
  return { statusCode: 200, headers: { 'Content-Type': 'application/json' }, multiValueHeaders: {}, body: JSON.stringify({ hello: 'world' }), isBase64Encoded: false };
};

async function round(handler: Handler, event: APIGatewayProxyEvent, n: number): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await handler(event, context);
  return Number(process.hrtime.bigint() - start) / n; // ns per invocation
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  const event = helloEvent();
  const [ours, theirs] = await Promise.all([chaliceHandler(event, context), baselineHandler(event, context)]);
  if (ours.body !== theirs.body || ours.statusCode !== theirs.statusCode) {
    throw new Error(`the two handlers disagree: ${JSON.stringify(ours)} vs ${JSON.stringify(theirs)}`);
  }
  // Warm up both so the JIT has optimised them before anything is timed.
  await round(chaliceHandler, event, PER_ROUND);
  await round(baselineHandler, event, PER_ROUND);
  const chaliceNs: number[] = [];
  const baselineNs: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    chaliceNs.push(await round(chaliceHandler, event, PER_ROUND));
    baselineNs.push(await round(baselineHandler, event, PER_ROUND));
  }
  const ours_ = median(chaliceNs);
  const base = median(baselineNs);
  const perSecond = (ns: number): string => Math.round(1e9 / ns).toLocaleString('en-US');
  console.log(`REST entry point, hello route — ${ROUNDS} rounds × ${PER_ROUND.toLocaleString('en-US')} invocations (median round)`);
  console.log(`  chalice-ts handler   ${perSecond(ours_).padStart(12)} invocations/s   ${(ours_ / 1000).toFixed(2)} µs/invocation`);
  console.log(`  hand-written handler ${perSecond(base).padStart(12)} invocations/s   ${(base / 1000).toFixed(2)} µs/invocation`);
  console.log(`  overhead             ${((ours_ - base) / 1000).toFixed(2)} µs/invocation`);
}

await main();
