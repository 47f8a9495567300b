/**
 * The CodeBuild buildspec of the generated pipeline: install Node (on CodeBuild's managed
 * images, through `runtime-versions`), `npm ci`, `npx --no -- chalice package` (the project's own
 * chalice-ts, which must be in its package.json), then
 * `aws cloudformation package`, which uploads deployment.zip (and the layer zip) to the
 * application bucket and rewrites the template to point at them. `transformed.yaml` is the only
 * artifact: the pipeline's deploy stage runs it through a CloudFormation change set.
 *
 * A custom image (`-i`) that is not one of CodeBuild's managed images cannot use
 * `runtime-versions` (CodeBuild refuses the build), so it must bring Node.js and the AWS CLI.
 */
import { stringify } from 'yaml';

export interface BuildspecOptions {
  /** Node.js major to install, from the project's Lambda runtime (`nodejs22.x` → 22). */
  readonly nodeMajor: number;
  /** Whether the build image is one of CodeBuild's managed images (`aws/codebuild/…`). */
  readonly managedImage: boolean;
}

/** The directory `chalice package` writes into inside the build. */
const PACKAGE_DIR = '/tmp/packaged';

export function buildspecText(options: BuildspecOptions): string {
  const spec = {
    version: 0.2,
    phases: {
      install: {
        ...(options.managedImage ? { 'runtime-versions': { nodejs: options.nodeMajor } } : {}),
        commands: ['node --version', 'aws --version'],
      },
      pre_build: { commands: ['npm ci'] },
      build: {
        commands: [
          // --no: use the project's chalice-ts (a devDependency); never fetch the unrelated npm package named "chalice".
          `npx --no -- chalice package ${PACKAGE_DIR}`,
          `aws cloudformation package --template-file ${PACKAGE_DIR}/sam.json --s3-bucket \${APP_S3_BUCKET} --output-template-file transformed.yaml`,
        ],
      },
    },
    artifacts: { type: 'zip', files: ['transformed.yaml'] },
  };
  return stringify(spec, { lineWidth: 0 });
}

/** CodeBuild's managed images, which support `runtime-versions`. */
export function isManagedCodeBuildImage(image: string): boolean {
  return image.startsWith('aws/codebuild/');
}
