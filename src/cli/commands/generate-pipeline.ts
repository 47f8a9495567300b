/**
 * `chalice generate-pipeline [--pipeline-version v1|v2] [--source codecommit|github]
 * [--buildspec-file F] [-i IMAGE] OUT`: writes the CloudFormation template of a starter
 * CodePipeline for the project (build/pipeline/), to deploy with
 * `aws cloudformation deploy --template-file OUT --stack-name … --capabilities CAPABILITY_IAM`.
 */
import { Option, type Command } from 'commander';
import type { PipelineSourceOption, PipelineVersion } from '../../build/pipeline/pipeline-template.js';
import { globalOptions, terminal } from '../context.js';
import { renderBuildMessage } from './package.js';

interface GeneratePipelineCliOptions {
  readonly pipelineVersion: PipelineVersion;
  readonly source: PipelineSourceOption;
  readonly buildspecFile?: string;
  readonly codebuildImage?: string;
}

export function register(program: Command): void {
  program
    .command('generate-pipeline')
    .description('Generate a CloudFormation template for a CI/CD pipeline (CodePipeline + CodeBuild) that deploys the app.')
    .argument('<out>', 'The template file to write (JSON).')
    .addOption(new Option('--pipeline-version <version>', 'v1: Chalice\'s original pipeline (polling sources, GitHub by token); v2: a V2 pipeline with event-driven CodeCommit and a GitHub connection.').choices(['v1', 'v2']).default('v1'))
    .addOption(new Option('--source <source>', 'Where the pipeline gets the code.').choices(['codecommit', 'github']).default('codecommit'))
    .option('-b, --buildspec-file <file>', 'Write the buildspec to this file (commit it with the app) instead of inline in the template.')
    .option('-i, --codebuild-image <image>', 'The CodeBuild image to build in (default: CodeBuild\'s Amazon Linux standard image).')
    .action(async (out: string, options: GeneratePipelineCliOptions, command: Command) => {
      const { projectDir, debug } = globalOptions(command);
      const ui = terminal();
      const { generatePipeline } = await import('../../build/pipeline/generate-pipeline.js');
      generatePipeline({
        projectDir,
        outFile: out,
        pipelineVersion: options.pipelineVersion,
        source: options.source,
        codeBuildImage: options.codebuildImage,
        buildspecFile: options.buildspecFile,
        onMessage: (message) => renderBuildMessage(ui, message, { progress: true, debug }),
      });
    });
}
