/**
 * Turns an error thrown by an AWS SDK call into one line naming the call, the resource and
 * what to do. AWS's answers (access denied, not found, throttled past the retries) and an
 * unreachable endpoint are things the user fixes, so they are user errors (exit 2).
 */
import { ChaliceTsError } from '../../project/errors.js';

/** `call` like "Lambda Invoke", `subject` like "function myapp-dev". */
export function awsCallError(call: string, subject: string, error: unknown, hint?: string): ChaliceTsError {
  const e = error as { name?: unknown; message?: unknown; code?: unknown; $metadata?: unknown } | null;
  const message = typeof e?.message === 'string' ? e.message.split('\n', 1)[0]!.trim().replace(/\.$/, '') : String(error);
  const name = typeof e?.name === 'string' ? e.name : 'Error';
  const fix = hint !== undefined ? `; ${hint}` : '';
  if (e !== null && typeof e === 'object' && e.$metadata !== undefined && typeof e.code !== 'string') {
    return new ChaliceTsError(`${call} on ${subject} failed: ${name}: ${message}${fix}`, 'aws_call_failed');
  }
  const code = typeof e?.code === 'string' ? e.code : name;
  const endpoint = process.env.AWS_ENDPOINT_URL;
  const where = endpoint !== undefined && endpoint !== '' ? ` at AWS_ENDPOINT_URL=${endpoint}` : '';
  return new ChaliceTsError(
    `${call} on ${subject} failed: could not reach AWS${where} (${code}: ${message}); check the network connection${where ? ' and that the endpoint is running' : ''}`,
    'aws_unreachable',
  );
}
