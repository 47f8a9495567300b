/**
 * IAM policy generation: analyse the app's AWS SDK v3 calls (`analyzeSdkUsage`), turn them
 * into the execution role's policy (`generatePolicyDocument`), or read a hand-written policy
 * when `autogen_policy` is false (`readPolicyFile`).
 */
export { analyzeSdkUsage } from './analyzer.js';
export { generatePolicyDocument } from './policy-document.js';
export { readPolicyFile } from './policy-file.js';
export type {
  AnalyzeSdkUsageOptions,
  GeneratePolicyOptions,
  PolicyDocument,
  PolicyStatement,
  PolicyWarning,
  SdkUsage,
} from './types.js';
