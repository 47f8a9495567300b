/**
 * The AWS session every AWS-touching command starts from: the region and credentials, resolved
 * once up front so that a missing one fails with one clear line (exit 2) before anything is
 * built, and the configuration every AWS SDK v3 client is constructed with.
 *
 *   region       --region, else AWS_REGION / AWS_DEFAULT_REGION, else the profile's `region`
 *                in the shared config files (~/.aws/config, AWS_CONFIG_FILE).
 *   credentials  the SDK's standard Node chain (env, SSO, web identity, shared files,
 *                credential_process, container/instance metadata), honouring --profile.
 *   endpoints    AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> are read by the SDK itself;
 *                S3 then needs path-style addressing (`s3ClientConfig`), because a bucket name
 *                cannot be put in front of `127.0.0.1` or `localhost`.
 *
 * SDK modules are loaded on use (`createClient`), so a command pays only for the clients it needs
 * and `chalice --help` pays for none.
 */
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { ChaliceTsError } from '../../project/errors.js';

export interface AwsSessionOptions {
  /** A profile of the shared config/credentials files. @default AWS_PROFILE, else "default" */
  readonly profile?: string;
  /** @default AWS_REGION, AWS_DEFAULT_REGION, else the profile's region */
  readonly region?: string;
}

/** What every SDK v3 client constructor gets (spread it, adding client-specific settings). */
export interface AwsClientConfig {
  readonly region: string;
  readonly credentials: AwsCredentialIdentityProvider;
  /** Set when the user named a profile, so the SDK reads that profile's other settings too. */
  readonly profile?: string;
  readonly maxAttempts: number;
  readonly retryMode: 'standard' | 'adaptive';
  readonly requestHandler: { readonly connectionTimeout: number; readonly requestTimeout: number };
}

export interface AwsSession {
  readonly region: string;
  readonly clientConfig: AwsClientConfig;
  /** The account of the credentials (STS GetCallerIdentity, called once and cached). */
  accountId(): Promise<string>;
}

/**
 * Throttling and 5xx answers are retried by the SDK with exponential backoff and jitter; five
 * attempts ride out the bursts a deploy of many functions causes without hiding a real outage.
 */
const MAX_ATTEMPTS = 5;
/** A TCP connect that takes longer than this is an unreachable endpoint, not a slow one. */
const CONNECTION_TIMEOUT_MS = 5_000;
/** Socket idle time; generous because a function's code upload can be tens of MB. */
const REQUEST_TIMEOUT_MS = 120_000;
/**
 * Instance metadata is the chain's last resort; off EC2 its address may not answer at all.
 * One attempt of 1 s per request keeps "no credentials" quick, and the whole chain is bounded
 * too, so a credential_process or SSO refresh that hangs cannot hang the command.
 */
const METADATA_TIMEOUT_MS = 1_000;
const CREDENTIALS_TIMEOUT_MS = 15_000;

const REGION_PATTERN = /^[a-z]{2}(-[a-z0-9]+)+-\d+$/;

/**
 * Resolves region and credentials; a missing one is a user error naming the fix.
 * Reads `process.env` (the SDK's credential chain reads it too).
 */
export async function resolveAwsSession(options: AwsSessionOptions): Promise<AwsSession> {
  const env = process.env;
  // chalice-ts supports Node 20 (package.json engines); the SDK's notice about the Node version
  // its future releases need would otherwise print on every AWS command. An explicit setting wins.
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const explicitProfile = nonEmpty(options.profile) ?? nonEmpty(env.AWS_PROFILE);
  const profile = explicitProfile ?? 'default';
  const { loadSharedConfigFiles } = await import('@smithy/shared-ini-file-loader');
  // ignoreCache: the files may have changed since an earlier session in this process (tests).
  const files = await loadSharedConfigFiles({ ignoreCache: true });
  if (explicitProfile !== undefined && !(profile in files.configFile) && !(profile in files.credentialsFile)) {
    throw new ChaliceTsError(
      `AWS profile "${profile}" is not in ${configFilePath(env)} or ${credentialsFilePath(env)}; create it with \`aws configure --profile ${profile}\` or pick another with --profile/AWS_PROFILE`,
      'aws_profile_not_found',
    );
  }

  const region = resolveRegion(options.region, env, files.configFile[profile]?.region);
  const credentials = await resolveCredentials(explicitProfile);
  const clientConfig: AwsClientConfig = {
    region,
    credentials,
    ...(explicitProfile !== undefined ? { profile: explicitProfile } : {}),
    maxAttempts: MAX_ATTEMPTS,
    retryMode: 'standard',
    requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS },
  };
  let account: Promise<string> | undefined;
  const session: AwsSession = {
    region,
    clientConfig,
    accountId() {
      account ??= callerAccount(session).catch((error: unknown) => {
        account = undefined; // a failed lookup may be retried
        throw error;
      });
      return account;
    },
  };
  return session;
}

/** Region precedence: flag, AWS_REGION, AWS_DEFAULT_REGION, the profile's config. */
export function resolveRegion(flag: string | undefined, env: NodeJS.ProcessEnv, profileRegion: string | undefined): string {
  const candidates: [string | undefined, string][] = [
    [flag, '--region'],
    [env.AWS_REGION, 'AWS_REGION'],
    [env.AWS_DEFAULT_REGION, 'AWS_DEFAULT_REGION'],
    [profileRegion, 'the profile\'s "region" in the AWS config file'],
  ];
  for (const [value, source] of candidates) {
    const region = nonEmpty(value);
    if (region === undefined) continue;
    if (!REGION_PATTERN.test(region)) {
      throw new ChaliceTsError(`Invalid AWS region ${JSON.stringify(region)} from ${source}: expected a region name such as us-west-2`, 'aws_region_invalid');
    }
    return region;
  }
  throw new ChaliceTsError(
    'No AWS region configured: pass --region, set AWS_REGION, or set a region for your profile with `aws configure`',
    'aws_region_missing',
  );
}

/**
 * The SDK's configuration for S3: path-style addressing when an endpoint URL is set (an
 * emulator on 127.0.0.1 cannot serve `<bucket>.127.0.0.1`); virtual-hosted style on AWS.
 */
export function s3ClientConfig<C extends object>(config: C, env: NodeJS.ProcessEnv = process.env): C & { forcePathStyle?: true } {
  return usesCustomEndpoint('S3', env) ? { ...config, forcePathStyle: true } : config;
}

/** Whether AWS_ENDPOINT_URL or AWS_ENDPOINT_URL_<SERVICE> points a service elsewhere. */
export function usesCustomEndpoint(service: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const serviceVariable = `AWS_ENDPOINT_URL_${service.toUpperCase().replace(/[\s-]+/g, '_')}`;
  return nonEmpty(env[serviceVariable]) !== undefined || nonEmpty(env.AWS_ENDPOINT_URL) !== undefined;
}

/**
 * Creates an SDK client from the session, loading its module only now:
 * `await createClient(session, () => import('@aws-sdk/client-lambda'), 'LambdaClient')`.
 * S3 clients get path-style addressing where `s3ClientConfig` says so.
 */
export async function createClient<M extends { readonly [P in K]: new (config: never) => unknown }, K extends keyof M & string>(
  session: AwsSession,
  load: () => Promise<M>,
  name: K,
  /** Settings of this client only, e.g. a longer `requestHandler.requestTimeout`. */
  overrides: Partial<AwsClientConfig> & Record<string, unknown> = {},
): Promise<InstanceType<M[K]>> {
  const module = await load();
  const Client = module[name];
  const base = name === 'S3Client' ? s3ClientConfig(session.clientConfig) : session.clientConfig;
  const config = {
    ...base,
    ...overrides,
    requestHandler: { ...base.requestHandler, ...overrides.requestHandler },
  };
  return new Client(config as never) as InstanceType<M[K]>;
}

async function resolveCredentials(profile: string | undefined): Promise<AwsCredentialIdentityProvider> {
  const { fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
  const provider = fromNodeProviderChain({
    ...(profile !== undefined ? { profile } : {}),
    timeout: METADATA_TIMEOUT_MS,
    maxRetries: 0,
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CREDENTIALS_TIMEOUT_MS / 1000} s`)), CREDENTIALS_TIMEOUT_MS);
  });
  let identity: AwsCredentialIdentity;
  try {
    identity = await Promise.race([provider(), timeout]);
  } catch (error) {
    throw credentialsError(profile, error);
  } finally {
    clearTimeout(timer);
  }
  if (!identity.accessKeyId) throw credentialsError(profile, undefined);
  // The chain memoizes and refreshes expiring credentials; clients share the one provider.
  return provider;
}

function credentialsError(profile: string | undefined, error: unknown): ChaliceTsError {
  const fix = profile !== undefined
    ? `run \`aws configure --profile ${profile}\` (or \`aws sso login --profile ${profile}\`), or pick another profile with --profile/AWS_PROFILE`
    : 'run `aws configure`, pick a profile with --profile/AWS_PROFILE, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY';
  const detail = error instanceof Error ? firstLine(error.message) : '';
  // The chain's own summary adds nothing to ours; a specific cause (expired SSO session,
  // failing credential_process) does.
  const generic = detail === '' || /could not load credentials from any providers/i.test(detail);
  const subject = profile !== undefined ? `No AWS credentials for profile "${profile}"` : 'No AWS credentials found';
  return new ChaliceTsError(`${subject}${generic ? '' : ` (${detail.replace(/[.;]\s*$/, '')})`}: ${fix}`, 'aws_credentials_missing');
}

/** Error names with which AWS rejects the credentials themselves. */
const REJECTED_CREDENTIALS = new Set(['InvalidClientTokenId', 'SignatureDoesNotMatch', 'ExpiredToken', 'ExpiredTokenException', 'UnrecognizedClientException', 'AccessDenied']);

async function callerAccount(session: AwsSession): Promise<string> {
  const sts = await createClient(session, () => import('@aws-sdk/client-sts'), 'STSClient');
  const { GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
  try {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    if (!identity.Account) throw new ChaliceTsError('STS GetCallerIdentity returned no account id', 'aws_identity_invalid', 'internal');
    return identity.Account;
  } catch (error) {
    const name = (error as { name?: unknown }).name;
    if (typeof name === 'string' && REJECTED_CREDENTIALS.has(name)) {
      throw new ChaliceTsError(
        `AWS rejected the credentials (STS GetCallerIdentity: ${name}: ${firstLine((error as Error).message)}): check them with \`aws sts get-caller-identity\` or refresh them with \`aws configure\`/\`aws sso login\``,
        'aws_credentials_rejected',
      );
    }
    throw error;
  } finally {
    sts.destroy();
  }
}

function configFilePath(env: NodeJS.ProcessEnv): string {
  return nonEmpty(env.AWS_CONFIG_FILE) ?? '~/.aws/config';
}

function credentialsFilePath(env: NodeJS.ProcessEnv): string {
  return nonEmpty(env.AWS_SHARED_CREDENTIALS_FILE) ?? '~/.aws/credentials';
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0]!.trim();
}
