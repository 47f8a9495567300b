import { describe, expect, it } from 'vitest';
import {
  lambdaRuntimeToEsbuildTarget,
  nodeVersionToLambdaRuntime,
  resolveLambdaRuntime,
  runtimeDeprecationWarning,
} from '../../../src/build/runtime-version.js';
import { parseProjectConfig, resolveStageConfig } from '../../../src/project/index.js';

describe('Lambda runtime selection', () => {
  it.each([
    ['20.0.0', 'nodejs20.x'],
    ['v20.11.1', 'nodejs20.x'],
    ['21.7.3', 'nodejs20.x'],
    ['22.0.0', 'nodejs22.x'],
    ['22.12.0', 'nodejs22.x'],
    ['23.1.0', 'nodejs22.x'],
    ['24.1.0', 'nodejs24.x'],
    ['25.0.0', 'nodejs24.x'],
  ])('picks the runtime for local Node %s: %s', (version, runtime) => {
    expect(nodeVersionToLambdaRuntime(version)).toBe(runtime);
  });

  it.each(['18.19.0', 'v16.20.2'])('refuses Node %s with a user error saying to upgrade', (version) => {
    expect(() => nodeVersionToLambdaRuntime(version)).toThrow(expect.objectContaining({ code: 'node_too_old', fault: 'user', message: expect.stringMatching(/upgrade Node\.js/) }));
  });

  it('lets a configured runtime win over the local Node version', () => {
    expect(resolveLambdaRuntime({ nodeVersion: '22.1.0', configured: 'nodejs20.x' })).toBe('nodejs20.x');
    expect(resolveLambdaRuntime({ nodeVersion: '16.0.0', configured: 'nodejs22.x' })).toBe('nodejs22.x');
  });

  it('refuses an unsupported configured runtime, naming where it was set', () => {
    expect(() => resolveLambdaRuntime({ configured: 'python3.12', configuredAt: 'config.json: lambda_runtime' })).toThrow(
      'config.json: lambda_runtime is "python3.12"; use one of nodejs20.x, nodejs22.x, nodejs24.x',
    );
  });

  it.each([
    ['nodejs20.x', 'node20'],
    ['nodejs22.x', 'node22'],
  ] as const)('bundles for %s with esbuild target %s', (runtime, target) => {
    expect(lambdaRuntimeToEsbuildTarget(runtime)).toBe(target);
  });

  it.each([
    ['dev', 'nodejs20.x'],
    ['prod', 'nodejs22.x'],
  ])('reads lambda_runtime for stage %s from the stage, then the top level of the config file', (stage, runtime) => {
    const file = { app_name: 'a', lambda_runtime: 'nodejs20.x', stages: { dev: {}, prod: { lambda_runtime: 'nodejs22.x' } } };
    const config = parseProjectConfig(JSON.stringify(file), { projectDir: '/p', configPath: '/p/.chalice/config.json' });
    expect(resolveStageConfig(config, stage).lambdaRuntime).toBe(runtime);
  });

  it('rejects an unsupported lambda_runtime in the config file, naming the key', () => {
    const file = { app_name: 'a', stages: { dev: { lambda_runtime: 'python3.12' } } };
    expect(() => parseProjectConfig(JSON.stringify(file), { projectDir: '/p', configPath: '/p/.chalice/config.json' })).toThrow(/stages\.dev\.lambda_runtime/);
  });

  it.each([
    ['nodejs20.x', '2026-04-29', undefined],
    ['nodejs20.x', '2026-04-30', /deprecated the nodejs20\.x runtime on 2026-04-30.*"lambda_runtime": "nodejs22\.x"/],
    ['nodejs22.x', '2026-11-21', undefined],
  ] as const)('warns about %s on %s only once Lambda deprecated it', (runtime, today, warning) => {
    const text = runtimeDeprecationWarning(runtime, today);
    if (warning === undefined) expect(text).toBeUndefined();
    else expect(text).toMatch(warning);
  });
});
