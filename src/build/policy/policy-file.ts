/**
 * Reads a hand-written IAM policy for a stage whose config sets `"autogen_policy": false`.
 *
 * The file is `.chalice/policy-<stage>.json`, or `.chalice/<iam_policy_file>` when that option
 * is set. For the `dev` stage an older `.chalice/policy.json` is still accepted when
 * `policy-dev.json` does not exist, as Chalice does to ease moving to per-stage files.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ChaliceTsError } from '../../project/errors.js';
import type { PolicyDocument } from './types.js';

export async function readPolicyFile(projectDir: string, stage: string, iamPolicyFile?: string): Promise<PolicyDocument> {
  const fileName = iamPolicyFile ?? `policy-${stage}.json`;
  const candidates = [fileName];
  if (iamPolicyFile === undefined && stage === 'dev') candidates.push('policy.json');

  for (const candidate of candidates) {
    const text = await readIfExists(path.join(projectDir, '.chalice', candidate));
    if (text !== undefined) return parsePolicy(text, displayPath(candidate));
  }
  const how = iamPolicyFile === undefined
    ? `create it, or point "iam_policy_file" in .chalice/config.json at another file in .chalice/`
    : `create it, or fix "iam_policy_file" for stage "${stage}" in .chalice/config.json`;
  throw new ChaliceTsError(
    `IAM policy file ${displayPath(fileName)} not found: stage "${stage}" sets "autogen_policy": false, so its policy is read from that file; ${how}`,
    'policy_file_missing',
  );
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function parsePolicy(text: string, where: string): PolicyDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ChaliceTsError(
      `IAM policy file ${where} is not valid JSON (${(error as Error).message}); fix the file so it holds one IAM policy document`,
      'policy_file_invalid',
    );
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || !('Statement' in parsed)) {
    throw new ChaliceTsError(
      `IAM policy file ${where} is not an IAM policy document; it must be a JSON object with "Version" and "Statement"`,
      'policy_file_invalid',
    );
  }
  return parsed as PolicyDocument;
}

/** Paths in messages are relative to the project, as the user sees them in config.json. */
function displayPath(fileName: string): string {
  return path.posix.join('.chalice', fileName.split(path.sep).join('/'));
}
