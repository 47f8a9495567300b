/**
 * The emulator's call recorder (`/moto-api/recorder/*`): which AWS calls a command made, by
 * service and operation, and which of them wrote (any call but Get/List/Describe/Head; for the
 * REST-style services, any method but GET/HEAD). Usable from tests and benches alike.
 */

export interface RecordedCall {
  readonly service: string;
  /** The operation (`CreateFunction`) where the request names it, else `METHOD /path`. */
  readonly operation: string;
  readonly write: boolean;
}

interface RawRecord {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly body_encoded: boolean;
}

const READ = /^(Get|List|Describe|Head)/;

export function classifyCall(record: RawRecord): RecordedCall {
  const header = (name: string) => Object.entries(record.headers).find(([key]) => key.toLowerCase() === name)?.[1];
  const service = /Credential=[^/]+\/\d+\/[^/]+\/([^/]+)\//.exec(header('authorization') ?? '')?.[1] ?? 'unknown';
  const target = header('x-amz-target');
  if (target !== undefined) {
    const operation = target.slice(target.lastIndexOf('.') + 1);
    return { service, operation, write: !READ.test(operation) };
  }
  const body = record.body_encoded ? Buffer.from(record.body, 'base64').toString('utf8') : record.body;
  const action = /(?:^|&)Action=([A-Za-z]+)/.exec(body)?.[1];
  if (action !== undefined) return { service, operation: action, write: !READ.test(action) };
  const path = decodeURIComponent(new URL(record.url).pathname);
  return { service, operation: `${record.method} ${path}`, write: record.method !== 'GET' && record.method !== 'HEAD' };
}

export async function startRecording(endpoint: string): Promise<void> {
  await post(endpoint, '/moto-api/recorder/reset-recording');
  await post(endpoint, '/moto-api/recorder/start-recording');
}

export async function stopRecording(endpoint: string): Promise<RecordedCall[]> {
  await post(endpoint, '/moto-api/recorder/stop-recording');
  return readRecording(endpoint);
}

/** The calls recorded so far; recording goes on. */
export async function readRecording(endpoint: string): Promise<RecordedCall[]> {
  const response = await fetch(`${endpoint}/moto-api/recorder/download-recording`);
  const lines = (await response.text()).split('\n').filter((line) => line.trim() !== '');
  // Read while the emulator is still appending, the last line may be half written: it is
  // counted on the next read. A bad line anywhere else is a real error.
  const last = lines.at(-1);
  if (last !== undefined && !isJson(last)) lines.pop();
  return lines.map((line) => classifyCall(JSON.parse(line) as RawRecord));
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export function writes(calls: readonly RecordedCall[]): RecordedCall[] {
  return calls.filter((call) => call.write);
}

/**
 * A JSON-protocol call (Kinesis, DynamoDB) made without an SDK client of its own: the emulator
 * routes on the credential scope and X-Amz-Target and does not check signatures.
 */
export async function jsonCall<T>(endpoint: string, service: 'kinesis' | 'dynamodb', target: string, body: unknown, region = 'us-west-2'): Promise<T> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': service === 'kinesis' ? 'application/x-amz-json-1.1' : 'application/x-amz-json-1.0',
      'x-amz-target': target,
      authorization: `AWS4-HMAC-SHA256 Credential=testing/20240101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${target} failed: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
}

async function post(endpoint: string, path: string): Promise<void> {
  const response = await fetch(`${endpoint}${path}`, { method: 'POST' });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  await response.text();
}
