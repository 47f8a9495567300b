import { describe, expect, it } from 'vitest';
import { appGraphToText } from '../../../src/graph/index.js';
import { fixtureGraph } from './fixture-graph.js';

describe('appGraphToText', () => {
  it('prints each resource in dependency order with its settings and references', async () => {
    const text = appGraphToText(await fixtureGraph('hello'));
    const lines = text.split('\n');
    const binaryLine = lines.findIndex((line) => line.startsWith('│     binaryMediaTypes: application/octet-stream, '));
    expect(binaryLine).toBeGreaterThan(0);
    expect(lines.filter((_, i) => i !== binaryLine)).toEqual([
      'Application hello (stage dev)',
      '├── managed-iam-role default-role',
      '│     roleName: hello-dev',
      '│     trustPolicy: IAM policy, 1 statement',
      '│     policySource: kind=autogen',
      '│     policyDocument: IAM policy, 1 statement',
      '├── lambda-function api_handler',
      '│     purpose: rest-api',
      '│     functionName: hello-dev',
      '│     exportName: api_handler',
      '│     handler: app.api_handler',
      '│     runtime: nodejs20.x',
      '│     architecture: x86_64',
      '│     memorySize: 128',
      '│     timeout: 60',
      '│     tags: aws-chalice=version=0.0.0-test:stage=dev:app=hello',
      '│     xray: false',
      '│     role: → managed-iam-role default-role',
      '│     codeFile: deployment.zip',
      '├── rest-api rest_api',
      '│     name: hello',
      '│     stage: api',
      '│     endpointType: EDGE',
      '│     routes:',
      '│       GET / → index',
      '│     handler: → lambda-function api_handler',
      '│     xray: false',
      '└── lambda-permission rest_api_invoke',
      '      function: → lambda-function api_handler',
      '      service: apigateway',
      '      source: api=→ rest-api rest_api, kind=rest-api',
      '',
    ]);
  });
  it('is deterministic', async () => {
    expect(appGraphToText(await fixtureGraph('full'))).toBe(appGraphToText(await fixtureGraph('full')));
  });
});
