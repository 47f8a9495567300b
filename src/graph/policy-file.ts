/** Reading an IAM policy document from a file of the project (`iam_policy_file`, `api_gateway_policy_file`). */
import { ChaliceTsError } from '../project/errors.js';
import type { BuildContext } from './build-context.js';
import type { IamPolicyDocument } from './resources.js';

/**
 * The policy document in `file` (relative to the project directory).
 * @throws ChaliceTsError `policy_file_missing` or `policy_file_invalid`.
 */
export function readPolicyFile(ctx: Pick<BuildContext, 'readProjectFile'>, file: string, purpose: string): IamPolicyDocument {
  let text: string;
  try {
    text = ctx.readProjectFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new ChaliceTsError(`${file} does not exist; it should hold ${purpose}. Create it with an IAM policy document ({"Version": "2012-10-17", "Statement": [...]})`, 'policy_file_missing');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ChaliceTsError(`${file} is not valid JSON (${(error as Error).message}); it should hold ${purpose}`, 'policy_file_invalid');
  }
  const document = parsed as Partial<IamPolicyDocument> | null;
  if (typeof document !== 'object' || document === null || !Array.isArray(document.Statement)) {
    throw new ChaliceTsError(`${file} is not an IAM policy document: it needs a "Statement" list; it should hold ${purpose}`, 'policy_file_invalid');
  }
  return { ...document, Version: document.Version ?? '2012-10-17' } as IamPolicyDocument;
}
