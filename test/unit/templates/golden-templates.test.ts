import { describe, expect, it } from 'vitest';
import { deployedIntegrationUri, generateOpenApiDocument } from '../../../src/build/openapi/index.js';
import { generateSamTemplate, generateTerraformTemplate } from '../../../src/build/templates/index.js';
import { fixtureDir, fixtureGraph, type FixtureName } from '../graph/fixture-graph.js';
import { expectGolden } from './golden.js';

const CASES: readonly { fixture: FixtureName; stage: string }[] = [
  { fixture: 'hello', stage: 'dev' },
  { fixture: 'full', stage: 'dev' },
  { fixture: 'full', stage: 'prod' },
  // api_type "http": no OpenAPI document of ours (SAM and Terraform describe the routes themselves).
  { fixture: 'http-api', stage: 'dev' },
  { fixture: 'http-api', stage: 'prod' },
  { fixture: 'function-urls', stage: 'dev' },
];

/** How deploy fills in integration URIs once the functions exist. */
const deployUri = deployedIntegrationUri('aws', 'us-west-2', (fn) => `arn:aws:lambda:us-west-2:123456789012:function:${fn.functionName}`);

describe.each(CASES)('golden files of $fixture ($stage)', ({ fixture, stage }) => {
  const name = `${fixture}-${stage}`;

  it.skipIf(fixture === 'http-api')('OpenAPI document', async () => {
    expectGolden(`openapi/${name}.json`, generateOpenApiDocument(await fixtureGraph(fixture, stage), { integrationUri: deployUri }));
  });

  it('sam.json', async () => {
    expectGolden(`sam/${name}.sam.json`, generateSamTemplate(await fixtureGraph(fixture, stage)));
  });

  it('chalice.tf.json', async () => {
    expectGolden(`terraform/${name}.chalice.tf.json`, generateTerraformTemplate(await fixtureGraph(fixture, stage)));
  });

  it('contains no absolute path of the machine that generated it', async () => {
    const graph = await fixtureGraph(fixture, stage);
    const text = JSON.stringify([generateSamTemplate(graph), generateTerraformTemplate(graph)]);
    expect(text).not.toContain(fixtureDir(fixture));
    expect(text).not.toContain(process.cwd());
  });
});
