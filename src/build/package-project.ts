/**
 * `chalice package`: a project → OUT/ with the Lambda deployment package and a template.
 *
 * Pipeline (each step a module of its own):
 *   app graph (project-graph: config → app → stage policy, generated and written to
 *   .chalice/ or read from the policy file → graph) → deployment.zip
 *   and the optional layer zip (bundle/deployment-package) → OpenAPI document (openapi) →
 *   SAM or Terraform template (templates), with `--merge-template` deep-merged on top of SAM
 *   (merge-template) → OUT/ (package-output).
 *
 * OUT/ gets `deployment.zip`, `layer-deployment.zip` (only with `automatic_layer` and
 * dependencies to put in it) and `sam.json`, `sam.yaml` or `chalice.tf.json`. Templates are
 * serialised with sorted keys. When the layer turns out empty, the managed layer is dropped
 * from the graph before the templates are generated, as Lambda does not accept an empty layer.
 *
 * Engine code: progress and warnings go to `onMessage`, nothing is printed.
 */
import { resolve } from 'node:path';
import { stringify as stringifyYaml } from 'yaml';
import type { AppGraph, Resource } from '../graph/index.js';
import { resourcesOfKind } from '../graph/index.js';
import { ChaliceTsError } from '../project/errors.js';
import { DEFAULT_STAGE, sortKeysDeep, stableStringify } from '../project/index.js';
import type { OnBuildMessage } from './build-messages.js';
import { ignoreBuildMessages } from './build-messages.js';
import { buildDeploymentPackage, DEPLOYMENT_ZIP, LAYER_ZIP } from './bundle/deployment-package.js';
import type { LambdaArchitecture } from './layer/install-dependencies.js';
import { checkMixedArchitectures, packageArchitectureOf } from './package-architecture.js';
import type { TemplateObject } from './merge-template.js';
import { mergeTemplates, readMergeTemplate } from './merge-template.js';
import { generateOpenApiDocument } from './openapi/index.js';
import { checkOutputDirectory, writePackageOutput } from './package-output.js';
import type { LambdaRuntime } from './runtime-version.js';
import { lambdaRuntimeToEsbuildTarget } from './runtime-version.js';
import { buildProjectGraph } from './project-graph.js';
import { generateSamTemplate, generateTerraformTemplate, samIntegrationUri, terraformIntegrationUri } from './templates/index.js';
import { sizeWarnings } from './zip/size-limits.js';

export type PackageFormat = 'cloudformation' | 'terraform';
export type TemplateFormat = 'json' | 'yaml';

export interface PackageProjectOptions {
  readonly projectDir: string;
  /** @default 'dev' */
  readonly stage?: string;
  /** @default 'cloudformation' */
  readonly pkgFormat?: PackageFormat;
  /** SAM only; Terraform is always JSON. @default 'json' */
  readonly templateFormat?: TemplateFormat;
  /** A JSON or YAML file deep-merged on top of the SAM template. */
  readonly mergeTemplate?: string;
  /** Where to write the package (created if missing; see package-output.ts). */
  readonly outDir: string;
  readonly onMessage?: OnBuildMessage;
  /** Emit `app.mjs.map`. @default false */
  readonly sourcemap?: boolean;
  /** @default false */
  readonly minify?: boolean;
  /** Overrides the architecture of the installed packages. @default the functions' `architecture` from the config */
  readonly architecture?: LambdaArchitecture;
  /** Write the generated policy to `.chalice/policy-<stage>.json` (see stage-policy.ts). @default true */
  readonly writePolicyFile?: boolean;
  /** The local Node version the runtime is picked from. @default process.versions.node */
  readonly nodeVersion?: string;
}

export interface PackageProjectResult {
  readonly outDir: string;
  /** Names of the files written into OUT, sorted. */
  readonly files: readonly string[];
  readonly lambdaRuntime: LambdaRuntime;
  readonly graph: AppGraph;
}

export async function packageProject(options: PackageProjectOptions): Promise<PackageProjectResult> {
  const onMessage = options.onMessage ?? ignoreBuildMessages;
  const projectDir = resolve(options.projectDir);
  const outDir = resolve(options.outDir);
  const stage = options.stage ?? DEFAULT_STAGE;
  const pkgFormat = options.pkgFormat ?? 'cloudformation';
  const templateFormat = options.templateFormat ?? 'json';
  checkFormats(pkgFormat, templateFormat, options.mergeTemplate);
  checkOutputDirectory(outDir);
  const overlay = options.mergeTemplate === undefined ? undefined : readMergeTemplate(resolve(options.mergeTemplate));

  const built = await buildProjectGraph({
    projectDir,
    stage,
    onMessage,
    writePolicyFile: options.writePolicyFile,
    nodeVersion: options.nodeVersion,
  });
  const { stageConfig, entryFile, lambdaRuntime } = built;
  let graph = built.graph;

  const functions = resourcesOfKind(graph, 'lambda-function').map((fn) => ({ name: fn.resourceName, exportName: fn.exportName }));
  if (functions.length === 0) {
    throw new ChaliceTsError(`The app in ${projectDir} defines no Lambda functions (no routes, event handlers or lambdaFunction); there is nothing to package`, 'app_empty');
  }
  const arch = packageArchitectureOf(graph);
  const pkg = await buildDeploymentPackage({
    projectDir,
    entryFile,
    functions,
    target: lambdaRuntimeToEsbuildTarget(lambdaRuntime),
    automaticLayer: stageConfig.automaticLayer,
    architecture: options.architecture ?? arch.architecture,
    sourcemap: options.sourcemap,
    minify: options.minify,
    onMessage,
  });
  if (options.architecture === undefined) checkMixedArchitectures(arch, pkg.installed);
  if (stageConfig.automaticLayer && pkg.layerZip === undefined) {
    onMessage({ kind: 'progress', text: 'automatic_layer is on but there are no dependencies to put in a layer; no layer is created' });
    graph = withoutManagedLayer(graph);
  }
  for (const text of sizeWarnings(pkg.sizes)) onMessage({ kind: 'warning', text });

  onMessage({ kind: 'progress', text: `Generating the ${pkgFormat === 'terraform' ? 'Terraform' : 'SAM'} template` });
  const files = new Map<string, Uint8Array | string>([[DEPLOYMENT_ZIP, pkg.deploymentZip]]);
  if (pkg.layerZip) files.set(LAYER_ZIP, pkg.layerZip);
  if (pkgFormat === 'terraform') {
    const openapi = generateOpenApiDocument(graph, { integrationUri: terraformIntegrationUri });
    files.set('chalice.tf.json', stableStringify(generateTerraformTemplate(graph, openapi ? { openapi } : {})));
  } else {
    const openapi = generateOpenApiDocument(graph, { integrationUri: samIntegrationUri });
    let template = generateSamTemplate(graph, openapi ? { openapi } : {}) as TemplateObject;
    if (overlay) template = mergeTemplates(template, overlay);
    files.set(templateFormat === 'yaml' ? 'sam.yaml' : 'sam.json', serializeTemplate(template, templateFormat));
  }
  writePackageOutput(outDir, files, onMessage, options.outDir);
  // Only now, so a package that fails (an S3 event in SAM, an app with no functions) leaves
  // the project untouched.
  built.savePolicy();
  return { outDir, files: [...files.keys()].sort(), lambdaRuntime, graph };
}

function checkFormats(pkgFormat: string, templateFormat: string, mergeTemplate: string | undefined): void {
  if (pkgFormat !== 'cloudformation' && pkgFormat !== 'terraform') {
    throw new ChaliceTsError(`Unknown package format "${pkgFormat}"; use cloudformation or terraform`, 'pkg_format_invalid');
  }
  if (templateFormat !== 'json' && templateFormat !== 'yaml') {
    throw new ChaliceTsError(`Unknown template format "${templateFormat}"; use json or yaml`, 'template_format_invalid');
  }
  if (pkgFormat === 'terraform' && templateFormat === 'yaml') {
    throw new ChaliceTsError('--template-format yaml only applies to --pkg-format cloudformation; Terraform configuration is always chalice.tf.json', 'template_format_invalid');
  }
  if (pkgFormat === 'terraform' && mergeTemplate !== undefined) {
    throw new ChaliceTsError('--merge-template only applies to --pkg-format cloudformation (the SAM template)', 'merge_template_unsupported');
  }
}

/** Sorted keys, 2-space JSON or block-style YAML, trailing newline. */
export function serializeTemplate(template: TemplateObject, format: TemplateFormat): string {
  if (format === 'json') return stableStringify(template);
  // Long strings (policies, OpenAPI descriptions) stay on one line; repeated objects are
  // written out rather than turned into YAML anchors, which CloudFormation does not accept.
  return stringifyYaml(sortKeysDeep(template), { lineWidth: 0, aliasDuplicateObjects: false });
}

/** The graph without the managed layer and every function's reference to it. */
export function withoutManagedLayer(graph: AppGraph): AppGraph {
  const resources: Resource[] = [];
  for (const resource of graph.resources) {
    if (resource.kind === 'lambda-layer') continue;
    if (resource.kind === 'lambda-function' && resource.managedLayer !== undefined) {
      const { managedLayer: _dropped, ...rest } = resource;
      resources.push(rest);
    } else {
      resources.push(resource);
    }
  }
  return { ...graph, resources };
}

