/** Types of the IAM policy generator's public surface. */

/** A place where the analyser saw AWS SDK usage it could not turn into IAM actions. */
export interface PolicyWarning {
  /** Project-relative path with `/` separators. */
  readonly file: string;
  /** 1-based line in the user's source. */
  readonly line: number;
  readonly message: string;
}

export interface SdkUsage {
  /** Sorted, unique IAM actions (`s3:PutObject`). */
  readonly actions: string[];
  /** Sorted by file, then line. */
  readonly warnings: PolicyWarning[];
  /** Every analysed source file, project-relative and sorted. */
  readonly files: string[];
}

export interface AnalyzeSdkUsageOptions {
  /** Directory that holds app.ts and .chalice/; `entryFile` and reported paths are relative to it. */
  readonly projectDir: string;
}

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly [key: string]: unknown;
}

export interface PolicyDocument {
  readonly Version: string;
  readonly Statement: readonly PolicyStatement[];
}

export interface GeneratePolicyOptions {
  /** IAM actions found in the source; sorted and de-duplicated here. */
  readonly actions: readonly string[];
  /**
   * True when the function runs in a VPC (subnet_ids and security_group_ids configured), which
   * needs permission to manage its network interfaces.
   * @default false
   */
  readonly needsVpc?: boolean;
  /** Statements to add as they are (e.g. from a blueprint or a layer); ordered canonically. */
  readonly extraStatements?: readonly PolicyStatement[];
}
