import { describe, expect, it } from 'vitest';
import { arnMatches, evaluatePolicy } from '../../../src/local/gateway/index.js';

const ARN = 'arn:aws:execute-api:us-east-1:123456789012:abc123/api/GET/users/42';
const base = 'arn:aws:execute-api:us-east-1:123456789012:abc123/api';
const allow = (...resources: string[]) => ({ Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: resources }] });

describe('ARN patterns', () => {
  it.each([
    [ARN, ARN, true],
    [`${base}/*`, ARN, true],
    [`${base}/*/users/*`, ARN, true],
    [`${base}/GET/users/*`, ARN, true],
    [`${base}/POST/users/*`, ARN, false],
    [`${base}/GET/users/4?`, ARN, true],
    [`${base}/GET/users/?`, ARN, false],
    [`${base}/GET/users`, ARN, false],
    ['*', ARN, true],
    ['arn:aws:execute-api:*:*:abc123/*/GET/*', ARN, true],
    ['arn:aws:execute-api:us-east-1:123456789012:abc123/api/GET/users/4.', ARN, false], // '.' is literal
    [`${base}/GET/`, `${base}/GET/`, true],
    [`${base}/*/`, `${base}/GET/`, true],
  ])('%s vs %s → %s', (pattern, arn, expected) => {
    expect(arnMatches(pattern, arn)).toBe(expected);
  });
});

describe('policy evaluation', () => {
  it.each([
    ['allow on exact resource', allow(ARN), 'allow'],
    ['allow via wildcard', allow(`${base}/*`), 'allow'],
    ['resource as a string', { Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: `${base}/*` }] }, 'allow'],
    ['single statement object', { Statement: { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: [ARN] } }, 'allow'],
    ['action wildcard', { Statement: [{ Action: 'execute-api:*', Effect: 'Allow', Resource: ARN }] }, 'allow'],
    ['action *', { Statement: [{ Action: '*', Effect: 'Allow', Resource: ARN }] }, 'allow'],
    ['action list', { Statement: [{ Action: ['s3:GetObject', 'execute-api:Invoke'], Effect: 'Allow', Resource: ARN }] }, 'allow'],
    ['lower-case effect', { Statement: [{ Action: 'execute-api:Invoke', Effect: 'allow', Resource: ARN }] }, 'allow'],
    ['no matching resource', allow(`${base}/GET/other`), 'deny'],
    ['empty resource list', allow(), 'deny'],
    ['other action', { Statement: [{ Action: 's3:GetObject', Effect: 'Allow', Resource: '*' }] }, 'deny'],
    ['no statements', { Statement: [] }, 'deny'],
    ['not an object', 'nope', 'deny'],
    [
      'deny wins over allow',
      {
        Statement: [
          { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: '*' },
          { Action: 'execute-api:Invoke', Effect: 'Deny', Resource: `${base}/GET/users/*` },
        ],
      },
      'explicit-deny',
    ],
    [
      'a deny elsewhere does not matter',
      {
        Statement: [
          { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: '*' },
          { Action: 'execute-api:Invoke', Effect: 'Deny', Resource: `${base}/POST/*` },
        ],
      },
      'allow',
    ],
  ])('%s', (_name, policy, expected) => {
    expect(evaluatePolicy(policy, ARN)).toBe(expected);
  });
});
