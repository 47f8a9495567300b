/** Helpers shared by the Terraform generator's modules: the state being built, names and references. */
import type { AppGraph } from '../../../graph/index.js';
import { ChaliceTsError } from '../../../project/errors.js';

export interface TerraformState {
  readonly graph: AppGraph;
  readonly resource: Record<string, Record<string, Record<string, unknown>>>;
  readonly locals: Record<string, unknown>;
  readonly output: Record<string, { readonly value: unknown }>;
  /** The configured region as an interpolation (which attribute depends on the provider versions allowed). */
  readonly region: string;
}

export const TF_PARTITION = '${data.aws_partition.chalice.partition}';
export const TF_ACCOUNT_ID = '${data.aws_caller_identity.chalice.account_id}';

/**
 * A resource name as a Terraform identifier.
 * @throws ChaliceTsError `template_name_invalid` when Terraform cannot use it (it must start with a letter or `_`).
 */
export function tfName(name: string, owner: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) {
    throw new ChaliceTsError(
      `${owner}: "${name}" is not a valid Terraform resource name (letters, digits, '_' and '-', starting with a letter or '_'); rename it ({ name: '...' })`,
      'template_name_invalid',
    );
  }
  return name;
}

/** Adds `body` as resource `type.name`. */
export function put(state: TerraformState, type: string, name: string, body: Record<string, unknown>): void {
  (state.resource[type] ??= {})[name] = body;
}

export function functionArn(name: string): string {
  return `\${aws_lambda_function.${name}.arn}`;
}

