/**
 * `chalice generate-pipeline`: project → the pipeline template (OUT, JSON with sorted keys) and,
 * with `--buildspec-file F`, the buildspec in F instead of inline in the CodeBuild project.
 *
 * The project gives the app name (the ApplicationName parameter's default) and the Lambda
 * runtime of the default stage, whose Node.js major the build installs. The app itself is not
 * loaded: the pipeline packages whatever the repository holds when it runs.
 *
 * A buildspec file inside the project is referenced by its path in the repository (CodeBuild
 * reads `buildspec.yml` at the root by default); one outside the project is written as asked,
 * with a warning that it must be committed at the repository root as buildspec.yml.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ChaliceTsError } from '../../project/errors.js';
import { DEFAULT_STAGE, readProjectConfig, resolveStageConfig, stableStringify } from '../../project/index.js';
import type { OnBuildMessage } from '../build-messages.js';
import { ignoreBuildMessages } from '../build-messages.js';
import { lambdaRuntimeToNodeMajor, resolveLambdaRuntime } from '../runtime-version.js';
import { buildspecText, isManagedCodeBuildImage } from './buildspec.js';
import type { PipelineSourceOption, PipelineVersion } from './pipeline-template.js';
import { DEFAULT_CODEBUILD_IMAGE, generatePipelineTemplate } from './pipeline-template.js';

export interface GeneratePipelineOptions {
  readonly projectDir: string;
  /** The template file to write. */
  readonly outFile: string;
  readonly pipelineVersion?: PipelineVersion;
  readonly source?: PipelineSourceOption;
  readonly codeBuildImage?: string;
  /** Write the buildspec here instead of inline. */
  readonly buildspecFile?: string;
  readonly onMessage?: OnBuildMessage;
  /** The local Node version, used when the project pins no runtime. @default process.versions.node */
  readonly nodeVersion?: string;
}

export interface GeneratePipelineResult {
  readonly template: Record<string, unknown>;
  readonly buildspec?: string;
}

export function generatePipeline(options: GeneratePipelineOptions): GeneratePipelineResult {
  const onMessage = options.onMessage ?? ignoreBuildMessages;
  const projectDir = resolve(options.projectDir);
  checkWritableFile(options.outFile, 'the template');
  if (options.buildspecFile !== undefined) checkWritableFile(options.buildspecFile, 'the buildspec');
  const config = readProjectConfig(projectDir);
  const stageConfig = resolveStageConfig(config, DEFAULT_STAGE);
  const runtime = resolveLambdaRuntime({ nodeVersion: options.nodeVersion, configured: stageConfig.lambdaRuntime });
  const nodeMajor = lambdaRuntimeToNodeMajor(runtime);
  const image = options.codeBuildImage ?? DEFAULT_CODEBUILD_IMAGE;
  if (!isManagedCodeBuildImage(image)) {
    onMessage({ kind: 'warning', text: `${image} is not one of CodeBuild's managed images, so the buildspec cannot install Node.js ${nodeMajor} with runtime-versions: the image must bring Node.js and the AWS CLI` });
  }

  let buildspecPath: string | undefined;
  let buildspec: string | undefined;
  if (options.buildspecFile !== undefined) {
    const file = resolve(options.buildspecFile);
    const inProject = relative(projectDir, file);
    if (inProject !== '' && !inProject.startsWith('..') && !isAbsolute(inProject)) {
      buildspecPath = inProject.split(sep).join('/');
    } else {
      buildspecPath = 'buildspec.yml';
      onMessage({ kind: 'warning', text: `${options.buildspecFile} is outside the project, so the pipeline cannot read it there; commit it at the root of the repository as buildspec.yml` });
    }
    buildspec = buildspecText({ nodeMajor, managedImage: isManagedCodeBuildImage(image) });
  }

  const template = generatePipelineTemplate({
    appName: config.appName,
    nodeMajor,
    pipelineVersion: options.pipelineVersion,
    source: options.source,
    codeBuildImage: image,
    buildspecPath,
  });
  writeFile(options.outFile, stableStringify(template), onMessage);
  if (buildspec !== undefined) writeFile(options.buildspecFile!, buildspec, onMessage);
  return { template, ...(buildspec === undefined ? {} : { buildspec }) };
}

/** @throws ChaliceTsError `out_is_directory` when `path` names a directory. */
function checkWritableFile(path: string, what: string): void {
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new ChaliceTsError(`${path} is a directory; give chalice generate-pipeline a file name for ${what}, e.g. ${join(path, what === 'the template' ? 'pipeline.json' : 'buildspec.yml')}`, 'out_is_directory');
  }
}

function writeFile(path: string, text: string, onMessage: OnBuildMessage): void {
  mkdirSync(dirname(resolve(path)), { recursive: true });
  writeFileSync(path, text);
  onMessage({ kind: 'file-written', path, bytes: Buffer.byteLength(text) });
}
