/**
 * `ChaliceApp`: a Chalice project as a CDK construct.
 *
 * Pipeline: project → `chalice package` (package-app.ts; SAM template + deployment.zip)
 *   → the SAM template included into the stack (`CfnInclude`, with the SAM transform added)
 *   → every function's `CodeUri` (and the managed layer's `ContentUri`) pointed at S3 assets
 *   of the zips, which `cdk deploy` uploads.
 *
 * The included resources keep their logical ids by default, so the stack looks like the one
 * `chalice package` + `sam deploy` would create, and they can be read and changed through
 * `getResource`, `getRole`, `getFunction` and `addEnvironmentVariable` by those ids.
 *
 * The package is written into the cloud assembly directory (`cdk.out/chalice-package.<addr>/`)
 * and kept there: with asset staging disabled (`sam local` against `cdk synth` output) the
 * assets point at it.
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { Annotations, Stack, Stage } from 'aws-cdk-lib';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import { Role } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { Construct } from 'constructs';
import { ChaliceTsError } from '../project/errors.js';
import { packageAppSync } from './package-app.js';
import type { StageOverrides } from './stage-config.js';

export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

const SAM_FUNCTION = 'AWS::Serverless::Function';
const SAM_LAYER = 'AWS::Serverless::LayerVersion';
const FUNCTION_TYPES: ReadonlySet<string> = new Set([SAM_FUNCTION, 'AWS::Lambda::Function']);
const ROLE_TYPE = 'AWS::IAM::Role';

export interface ChaliceAppProps {
  /** The Chalice project: the directory holding `app.ts` and `.chalice/config.json` (relative to the current directory). */
  readonly sourceDir: string;
  /** The stage of `.chalice/config.json` to package. @default 'dev' */
  readonly stage?: string;
  /**
   * Settings merged over the stage, with the keys of `.chalice/config.json` (snake_case), e.g.
   * `{ environment_variables: { TABLE_NAME: table.tableName }, lambda_memory_size: 512 }`.
   * Objects merge key by key, other values replace the stage's. CDK tokens may be used in
   * string values. Applied to a temporary copy: the project's files are not changed.
   * @default - the stage as the project configures it
   */
  readonly stageConfig?: StageOverrides;
  /**
   * Keep the logical ids of the packaged template (`APIHandler`, `RestAPI`, `DefaultRole`…).
   * Pass `false` when the construct is used more than once in a stack, or inside a construct
   * library; the lookup methods take the packaged template's ids either way.
   * @default true
   */
  readonly preserveLogicalIds?: boolean;
}

interface PackagedTemplate {
  readonly Resources?: Readonly<Record<string, { readonly Type?: string; readonly Properties?: Readonly<Record<string, unknown>> }>>;
}

export class ChaliceApp extends Construct {
  /** Absolute path of the Chalice project. */
  readonly sourceDir: string;
  readonly stage: string;
  readonly stageConfig?: StageOverrides;
  /** The included SAM template (for conditions, outputs, parameters, and resources by logical id). */
  readonly samTemplate: CfnInclude;
  /** `deployment.zip`, the code of every function. */
  readonly codeAsset: Asset;
  /** `layer-deployment.zip`, when the stage uses `automatic_layer` and has dependencies to put in it. */
  readonly layerAsset?: Asset;

  private readonly template: PackagedTemplate;
  private readonly roles = new Map<string, IRole>();
  private readonly functions = new Map<string, IFunction>();

  constructor(scope: Construct, id: string, props: ChaliceAppProps) {
    super(scope, id);
    this.sourceDir = resolve(props.sourceDir);
    this.stage = props.stage ?? 'dev';
    if (props.stageConfig !== undefined) this.stageConfig = props.stageConfig;

    const packaged = packageAppSync({ sourceDir: this.sourceDir, stage: this.stage, stageConfig: props.stageConfig, outDir: this.packageOutDir() });
    for (const warning of packaged.warnings) Annotations.of(this).addWarningV2('chalice-ts:package', warning);
    this.template = JSON.parse(readFileSync(packaged.templateFile, 'utf8')) as PackagedTemplate;

    this.samTemplate = new CfnInclude(this, 'ChaliceApp', { templateFile: packaged.templateFile, preserveLogicalIds: props.preserveLogicalIds ?? true });
    addTransformOnce(Stack.of(this), SAM_TRANSFORM);

    this.codeAsset = new Asset(this, 'ChaliceAppCode', { path: packaged.deploymentZip });
    for (const logicalId of this.logicalIdsOfType(SAM_FUNCTION)) {
      this.samTemplate.getResource(logicalId).addPropertyOverride('CodeUri', { Bucket: this.codeAsset.s3BucketName, Key: this.codeAsset.s3ObjectKey });
    }
    const layers = this.logicalIdsOfType(SAM_LAYER);
    if (packaged.layerZip !== undefined && layers.length > 0) {
      this.layerAsset = new Asset(this, 'ChaliceManagedLayer', { path: packaged.layerZip });
      for (const logicalId of layers) {
        this.samTemplate.getResource(logicalId).addPropertyOverride('ContentUri', { Bucket: this.layerAsset.s3BucketName, Key: this.layerAsset.s3ObjectKey });
      }
    }
  }

  /** Logical ids of the packaged template's resources, sorted. */
  get logicalIds(): string[] {
    return Object.keys(this.template.Resources ?? {}).sort();
  }

  /** The included resource with this logical id of the packaged template (e.g. `RestAPI`). */
  getResource(logicalId: string): CfnResource {
    this.checkResource(logicalId);
    return this.samTemplate.getResource(logicalId);
  }

  /**
   * The IAM role with this logical id (e.g. `DefaultRole`), as an `IRole` for grants:
   * `table.grantReadWriteData(app.getRole('DefaultRole'))` attaches a policy to it.
   */
  getRole(logicalId: string): IRole {
    this.checkResource(logicalId, [ROLE_TYPE]);
    let role = this.roles.get(logicalId);
    if (role === undefined) {
      role = Role.fromRoleArn(this, `Role${logicalId}`, this.samTemplate.getResource(logicalId).getAtt('Arn').toString());
      this.roles.set(logicalId, role);
    }
    return role;
  }

  /**
   * The Lambda function with this logical id (e.g. `APIHandler`), as an `IFunction`. When its
   * role is one of the template's roles, grants to the function go to that role.
   */
  getFunction(logicalId: string): IFunction {
    this.checkResource(logicalId, [...FUNCTION_TYPES]);
    let fn = this.functions.get(logicalId);
    if (fn === undefined) {
      const roleId = this.templateRoleOf(logicalId);
      fn = LambdaFunction.fromFunctionAttributes(this, `Function${logicalId}`, {
        functionArn: this.samTemplate.getResource(logicalId).getAtt('Arn').toString(),
        sameEnvironment: true, // it is in this stack
        ...(roleId === undefined ? {} : { role: this.getRole(roleId) }),
      });
      this.functions.set(logicalId, fn);
    }
    return fn;
  }

  /** Sets an environment variable of one function (tokens allowed), over what the project configures. */
  addEnvironmentVariable(key: string, value: string, functionLogicalId: string): void {
    this.checkResource(functionLogicalId, [...FUNCTION_TYPES]);
    this.samTemplate.getResource(functionLogicalId).addPropertyOverride(`Environment.Variables.${key}`, value);
  }

  private packageOutDir(): string {
    const stage = Stage.of(this);
    if (stage === undefined) return mkdtempSync(join(tmpdir(), 'chalice-ts-cdk-'));
    const dir = join(stage.assetOutdir, `chalice-package.${this.node.addr}`);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  private logicalIdsOfType(type: string): string[] {
    return this.logicalIds.filter((logicalId) => this.template.Resources?.[logicalId]?.Type === type);
  }

  private checkResource(logicalId: string, types?: readonly string[]): void {
    const resource = this.template.Resources?.[logicalId];
    if (resource === undefined) {
      throw new ChaliceTsError(
        `The packaged Chalice app ${this.sourceDir} (stage ${this.stage}) has no resource ${logicalId}; its logical ids are ${this.logicalIds.join(', ')}`,
        'cdk_resource_not_found',
      );
    }
    if (types !== undefined && !types.includes(resource.Type ?? '')) {
      throw new ChaliceTsError(`Resource ${logicalId} of the packaged Chalice app is a ${resource.Type}, not a ${types.join(' or ')}; pass the logical id of one`, 'cdk_resource_type');
    }
  }

  /** The logical id of the function's role when its `Role` is `Fn::GetAtt [<role>, Arn]` of a template role. */
  private templateRoleOf(functionLogicalId: string): string | undefined {
    const role = this.template.Resources?.[functionLogicalId]?.Properties?.Role as { 'Fn::GetAtt'?: unknown } | undefined;
    const getAtt = role?.['Fn::GetAtt'];
    if (!Array.isArray(getAtt) || getAtt[1] !== 'Arn' || typeof getAtt[0] !== 'string') return undefined;
    return this.template.Resources?.[getAtt[0]]?.Type === ROLE_TYPE ? getAtt[0] : undefined;
  }
}

/** Adds a template transform unless the stack already has it (several ChaliceApps may share a stack). */
function addTransformOnce(stack: Stack, transform: string): void {
  const existing = stack.templateOptions.transforms ?? [];
  if (!existing.includes(transform)) stack.addTransform(transform);
}
