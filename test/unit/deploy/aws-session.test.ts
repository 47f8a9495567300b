import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient, resolveAwsSession, s3ClientConfig, usesCustomEndpoint } from '../../../src/deploy/aws/session.js';
import { ChaliceTsError } from '../../../src/project/errors.js';

/** Every variable the region/credential/endpoint logic reads; cleared before each case. */
const AWS_VARIABLES = [
  'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_S3', 'AWS_ENDPOINT_URL_STS',
];

const CONFIG = `[default]
region = eu-west-1

[profile work]
region = ap-southeast-2

[profile noregion]
output = json
`;

const CREDENTIALS = `[default]
aws_access_key_id = AKIDDEFAULT
aws_secret_access_key = secret

[work]
aws_access_key_id = AKIDWORK
aws_secret_access_key = secret

[noregion]
aws_access_key_id = AKIDNOREGION
aws_secret_access_key = secret
`;

let dir: string;

/** Points the SDK at files of this test only (or at none) and never at instance metadata. */
function useFiles(files: { config?: string; credentials?: string }): void {
  const config = join(dir, 'config');
  const credentials = join(dir, 'credentials');
  if (files.config !== undefined) writeFileSync(config, files.config);
  if (files.credentials !== undefined) writeFileSync(credentials, files.credentials);
  vi.stubEnv('AWS_CONFIG_FILE', config);
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', credentials);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chalice-aws-session-'));
  for (const name of AWS_VARIABLES) vi.stubEnv(name, undefined);
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  useFiles({});
});

afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<ChaliceTsError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ChaliceTsError);
  return error as ChaliceTsError;
}

describe('resolveAwsSession: region', () => {
  it.each([
    { case: '--region wins over everything', flag: 'us-east-2', env: { AWS_REGION: 'us-west-1', AWS_DEFAULT_REGION: 'us-west-2' }, profile: undefined, expected: 'us-east-2' },
    { case: 'AWS_REGION wins over AWS_DEFAULT_REGION', flag: undefined, env: { AWS_REGION: 'us-west-1', AWS_DEFAULT_REGION: 'us-west-2' }, profile: undefined, expected: 'us-west-1' },
    { case: 'AWS_DEFAULT_REGION wins over the profile', flag: undefined, env: { AWS_DEFAULT_REGION: 'us-west-2' }, profile: undefined, expected: 'us-west-2' },
    { case: 'the default profile\'s region', flag: undefined, env: {}, profile: undefined, expected: 'eu-west-1' },
    { case: 'the --profile\'s region ([profile work])', flag: undefined, env: {}, profile: 'work', expected: 'ap-southeast-2' },
    { case: 'the AWS_PROFILE\'s region', flag: undefined, env: { AWS_PROFILE: 'work' }, profile: undefined, expected: 'ap-southeast-2' },
    { case: '--profile wins over AWS_PROFILE', flag: undefined, env: { AWS_PROFILE: 'noregion' }, profile: 'work', expected: 'ap-southeast-2' },
  ])('$case', async ({ flag, env, profile, expected }) => {
    useFiles({ config: CONFIG, credentials: CREDENTIALS });
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    const session = await resolveAwsSession({ region: flag, profile });
    expect(session.region).toBe(expected);
    expect(session.clientConfig.region).toBe(expected);
  });

  it('fails with one line naming --region and AWS_REGION when no region is configured', async () => {
    useFiles({ config: CONFIG, credentials: CREDENTIALS });
    const error = await failure(resolveAwsSession({ profile: 'noregion' }));
    expect(error.code).toBe('aws_region_missing');
    expect(error.fault).toBe('user');
    expect(error.message).not.toContain('\n');
    expect(error.message).toMatch(/--region.*AWS_REGION.*aws configure/);
  });

  it('rejects a region that is not a region name, naming where it came from', async () => {
    vi.stubEnv('AWS_REGION', 'us-west');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKID');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
    const error = await failure(resolveAwsSession({}));
    expect(error.message).toBe('Invalid AWS region "us-west" from AWS_REGION: expected a region name such as us-west-2');
  });
});

describe('resolveAwsSession: credentials', () => {
  it.each([
    { case: 'environment variables', env: { AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 'secret' }, profile: undefined, expected: 'AKIDENV' },
    { case: 'the default profile of the credentials file', env: {}, profile: undefined, expected: 'AKIDDEFAULT' },
    { case: 'the --profile of the credentials file', env: {}, profile: 'work', expected: 'AKIDWORK' },
    { case: 'the AWS_PROFILE of the credentials file', env: { AWS_PROFILE: 'work' }, profile: undefined, expected: 'AKIDWORK' },
  ])('come from $case', async ({ env, profile, expected }) => {
    useFiles({ config: CONFIG, credentials: CREDENTIALS });
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    const session = await resolveAwsSession({ profile, region: 'us-west-2' });
    const identity = await session.clientConfig.credentials();
    expect(identity.accessKeyId).toBe(expected);
  });

  it('fails with one line naming aws configure and AWS_PROFILE when there are none', async () => {
    const error = await failure(resolveAwsSession({ region: 'us-west-2' }));
    expect(error.code).toBe('aws_credentials_missing');
    expect(error.message).toBe(
      'No AWS credentials found: run `aws configure`, pick a profile with --profile/AWS_PROFILE, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY',
    );
  });

  it('gives up on instance metadata that never answers, as missing credentials', async () => {
    // Off EC2 the metadata address may swallow connections: a server that accepts and never answers.
    const sockets: import('node:net').Socket[] = [];
    const silent = createServer();
    silent.on('connection', (socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', undefined);
    vi.stubEnv('AWS_EC2_METADATA_SERVICE_ENDPOINT', `http://127.0.0.1:${(silent.address() as AddressInfo).port}`);
    try {
      const error = await failure(resolveAwsSession({ region: 'us-west-2' }));
      expect(error.code).toBe('aws_credentials_missing');
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('names a profile that exists in neither file', async () => {
    useFiles({ config: CONFIG, credentials: CREDENTIALS });
    const error = await failure(resolveAwsSession({ region: 'us-west-2', profile: 'nope' }));
    expect(error.code).toBe('aws_profile_not_found');
    expect(error.message).toMatch(/^AWS profile "nope" is not in .*config or .*credentials; create it with `aws configure --profile nope`/);
  });

  it('names the profile whose credentials are missing', async () => {
    useFiles({ config: CONFIG, credentials: '' });
    const error = await failure(resolveAwsSession({ profile: 'work' }));
    expect(error.code).toBe('aws_credentials_missing');
    expect(error.message).toMatch(/^No AWS credentials for profile "work".*`aws configure --profile work`/);
    expect(error.message).not.toContain('\n');
  });
});

describe('endpoint settings', () => {
  it.each([
    { env: {}, service: 'S3', expected: false },
    { env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:5000' }, service: 'S3', expected: true },
    { env: { AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:5000' }, service: 'S3', expected: true },
    { env: { AWS_ENDPOINT_URL_LAMBDA: 'http://127.0.0.1:5000' }, service: 'S3', expected: false },
    { env: { AWS_ENDPOINT_URL_API_GATEWAY: 'http://127.0.0.1:5000' }, service: 'API Gateway', expected: true },
    { env: { AWS_ENDPOINT_URL: '' }, service: 'S3', expected: false },
  ])('$env → custom endpoint for $service: $expected', ({ env, service, expected }) => {
    expect(usesCustomEndpoint(service, env)).toBe(expected);
    if (service === 'S3') expect(s3ClientConfig({ region: 'us-west-2' }, env)).toEqual(expected ? { region: 'us-west-2', forcePathStyle: true } : { region: 'us-west-2' });
  });
});

describe('createClient', () => {
  beforeEach(() => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDENV');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
  });

  it('builds a client of the named class with the session region and credentials', async () => {
    const session = await resolveAwsSession({ region: 'eu-central-1' });
    const lambda = await createClient(session, () => import('@aws-sdk/client-lambda'), 'LambdaClient');
    expect(lambda.constructor.name).toBe('LambdaClient');
    expect(await lambda.config.region()).toBe('eu-central-1');
    expect((await lambda.config.credentials()).accessKeyId).toBe('AKIDENV');
    expect(lambda.config.maxAttempts).toBeDefined();
    lambda.destroy();
  });

  it('applies per-client overrides on top of the session settings', async () => {
    const session = await resolveAwsSession({ region: 'eu-central-1' });
    const lambda = await createClient(session, () => import('@aws-sdk/client-lambda'), 'LambdaClient', { maxAttempts: 1 });
    expect(await lambda.config.maxAttempts()).toBe(1);
    expect(await lambda.config.region()).toBe('eu-central-1');
    const other = await createClient(session, () => import('@aws-sdk/client-lambda'), 'LambdaClient');
    expect(await other.config.maxAttempts()).toBe(session.clientConfig.maxAttempts);
    lambda.destroy();
    other.destroy();
  });

  it.each([
    { endpoint: undefined, forcePathStyle: false },
    { endpoint: 'http://127.0.0.1:5000', forcePathStyle: true },
  ])('gives S3 path-style addressing when AWS_ENDPOINT_URL is $endpoint', async ({ endpoint, forcePathStyle }) => {
    vi.stubEnv('AWS_ENDPOINT_URL', endpoint);
    const session = await resolveAwsSession({ region: 'us-west-2' });
    const s3 = await createClient(session, () => import('@aws-sdk/client-s3'), 'S3Client');
    expect(s3.config.forcePathStyle ?? false).toBe(forcePathStyle);
    s3.destroy();
  });
});

describe('accountId', () => {
  let server: Server;
  let requests = 0;

  beforeEach(async () => {
    requests = 0;
    // A loopback stand-in for STS, answering GetCallerIdentity.
    server = createServer((_request, response) => {
      requests += 1;
      response.setHeader('content-type', 'text/xml');
      response.end(`<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>
<Arn>arn:aws:iam::210987654321:user/dev</Arn><UserId>AIDA</UserId><Account>210987654321</Account>
</GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    vi.stubEnv('AWS_ENDPOINT_URL_STS', `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDENV');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
  });

  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('asks STS once and caches the account id', async () => {
    const session = await resolveAwsSession({ region: 'us-west-2' });
    expect(await session.accountId()).toBe('210987654321');
    expect(await Promise.all([session.accountId(), session.accountId()])).toEqual(['210987654321', '210987654321']);
    expect(requests).toBe(1);
  });
});
