import { describe, expect, it } from 'vitest';
import { checkMixedArchitectures, packageArchitectureOf } from '../../../src/build/package-architecture.js';
import { generateSamTemplate, generateTerraformTemplate } from '../../../src/build/templates/index.js';
import { buildAppGraph, resourcesOfKind } from '../../../src/graph/index.js';
import { Chalice } from '../../../src/runtime/index.js';
import { graphOptions, inlineConfig } from '../graph/fixture-graph.js';

function graphWith(config: Record<string, unknown>) {
  const app = new Chalice({ appName: 'demo' });
  app.route('/', function index() {});
  app.lambdaFunction(function worker() {});
  return buildAppGraph(graphOptions(app, inlineConfig(config)));
}

describe('the architecture the package is built for', () => {
  it.each([
    { config: {}, expected: 'x86_64' },
    { config: { architecture: 'arm64' }, expected: 'arm64' },
    { config: { stages: { dev: { architecture: 'arm64' } } }, expected: 'arm64' },
  ])('$config → $expected', ({ config, expected }) => {
    const arch = packageArchitectureOf(graphWith(config));
    expect(arch).toEqual({ architecture: expected });
  });

  it('a per-function architecture reaches the function, SAM Architectures and Terraform architectures', () => {
    const graph = graphWith({ automatic_layer: true, lambda_functions: { worker: { architecture: 'arm64' } } });
    expect(resourcesOfKind(graph, 'lambda-function').map((f) => [f.resourceName, f.architecture])).toEqual([
      ['worker', 'arm64'],
      ['api_handler', 'x86_64'],
    ]);
    const sam = generateSamTemplate(graph) as { Resources: Record<string, { Properties: Record<string, unknown> }> };
    expect(sam.Resources.Worker.Properties.Architectures).toEqual(['arm64']);
    expect(sam.Resources.APIHandler.Properties.Architectures).toEqual(['x86_64']);
    expect(sam.Resources.ManagedLayer.Properties.CompatibleArchitectures).toEqual(['arm64', 'x86_64']);
    const tf = generateTerraformTemplate(graph) as { resource: Record<string, Record<string, Record<string, unknown>>> };
    expect(tf.resource.aws_lambda_function.worker.architectures).toEqual(['arm64']);
    expect(tf.resource.aws_lambda_layer_version['managed-layer'].compatible_architectures).toEqual(['arm64', 'x86_64']);
  });

  it('mixed architectures package fine while nothing is installed, and fail with one clear error when packages are', () => {
    const arch = packageArchitectureOf(graphWith({ lambda_functions: { worker: { architecture: 'arm64' } } }));
    expect(arch.mixed).toEqual({ x86_64: ['api_handler'], arm64: ['worker'] });
    expect(() => checkMixedArchitectures(arch, [])).not.toThrow();
    expect(() => checkMixedArchitectures(arch, [{ name: 'sharp' }])).toThrow(
      'Functions use both architectures (arm64: worker; x86_64: api_handler) but share one package whose installed dependencies (sharp) are built for one CPU; set the same "architecture" for every function in .chalice/config.json',
    );
  });
});
