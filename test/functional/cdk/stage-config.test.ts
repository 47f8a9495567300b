/** `stageConfig` merging: what the CDK construct writes into the project copy's config.json. */
import { describe, expect, it } from 'vitest';
import { configTextWithStageOverrides, mergeOver } from '../../../src/cdk/stage-config.js';

const CONFIG = {
  version: '2.0',
  app_name: 'hello',
  environment_variables: { TOP: 'top' },
  stages: {
    dev: { api_gateway_stage: 'api', environment_variables: { A: 'a', B: 'b' }, tags: { team: 'x' } },
    prod: { api_gateway_stage: 'v1' },
  },
};

function merged(overrides: Record<string, unknown>, stage = 'dev', config: unknown = CONFIG): unknown {
  return JSON.parse(configTextWithStageOverrides(JSON.stringify(config), stage, overrides));
}

describe('configTextWithStageOverrides', () => {
  it.each([
    ['adds to objects key by key', { environment_variables: { B: 'B', C: 'c' } }, { api_gateway_stage: 'api', environment_variables: { A: 'a', B: 'B', C: 'c' }, tags: { team: 'x' } }],
    ['replaces scalars', { api_gateway_stage: 'v2', lambda_memory_size: 512 }, { api_gateway_stage: 'v2', environment_variables: { A: 'a', B: 'b' }, tags: { team: 'x' }, lambda_memory_size: 512 }],
    ['replaces arrays', { layers: ['arn:b'] }, { api_gateway_stage: 'api', environment_variables: { A: 'a', B: 'b' }, tags: { team: 'x' }, layers: ['arn:b'] }],
    ['ignores undefined values', { api_gateway_stage: undefined }, CONFIG.stages.dev],
    ['keeps token strings verbatim', { environment_variables: { T: '${Token[TOKEN.42]}' } }, { ...CONFIG.stages.dev, environment_variables: { A: 'a', B: 'b', T: '${Token[TOKEN.42]}' } }],
  ])('%s', (_name, overrides, expectedStage) => {
    const result = merged(overrides) as typeof CONFIG;
    expect(result.stages.dev).toEqual(expectedStage);
    // Everything else is untouched.
    expect(result.stages.prod).toEqual(CONFIG.stages.prod);
    expect(result.environment_variables).toEqual(CONFIG.environment_variables);
  });

  it('creates the stage (and stages) when the file lacks them', () => {
    expect(merged({ api_gateway_stage: 'x' }, 'qa', { version: '2.0', app_name: 'a' })).toEqual({ version: '2.0', app_name: 'a', stages: { qa: { api_gateway_stage: 'x' } } });
  });

  it.each([['not json {'], ['[1, 2]'], ['"text"']])('returns text that is not a JSON object unchanged: %s', (text) => {
    expect(configTextWithStageOverrides(text, 'dev', { a: 1 })).toBe(text);
  });

  it('reads a file that starts with a byte order mark', () => {
    expect(JSON.parse(configTextWithStageOverrides(`\uFEFF${JSON.stringify(CONFIG)}`, 'prod', { lambda_timeout: 5 })).stages.prod).toEqual({ api_gateway_stage: 'v1', lambda_timeout: 5 });
  });

  it('does not modify its inputs', () => {
    const base = { environment_variables: { A: 'a' } };
    const overrides = { environment_variables: { B: 'b' } };
    expect(mergeOver(base, overrides)).toEqual({ environment_variables: { A: 'a', B: 'b' } });
    expect(base).toEqual({ environment_variables: { A: 'a' } });
    expect(overrides).toEqual({ environment_variables: { B: 'b' } });
  });
});
