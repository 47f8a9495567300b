/**
 * The Terraform configuration (`chalice.tf.json`) of an app graph, as
 * `chalice package --pkg-format terraform` writes it next to `deployment.zip`.
 *
 * Like Chalice's: the AWS provider's data sources `aws_caller_identity`, `aws_partition` and
 * `aws_region` (named `chalice`) supply the account, partition and region of ARNs; the
 * `null_data_source.chalice` exposes the app and stage names to hand-written `.tf` files next
 * to it; the REST API's OpenAPI document is the local `chalice_api_swagger`; resources are
 * keyed by their graph resource names (`api_handler`, `default-role`, `<fn>-event`, …).
 * S3 notifications are grouped per bucket, as the AWS API holds one configuration per bucket.
 * The `terraform` block asks for Terraform 1.x and an AWS provider (5.x or 6.x) recent enough
 * for the app's Lambda runtimes (see `tf-requirements.ts`).
 */
import type { AppGraph, LambdaFunctionResource, LambdaLayerResource, ManagedIamRoleResource } from '../../../graph/index.js';
import { invokedAlias, resolveRef, resourcesOfKind } from '../../../graph/index.js';
import { sortKeysDeep } from '../../../project/index.js';
import type { OpenApiDocument } from '../../openapi/index.js';
import { generateOpenApiDocument } from '../../openapi/index.js';
import { functionOutputPrefix } from '../logical-names.js';
import { addApiMapping, addDomainName, addPermission, addRestApi, addWebsocketApi } from './tf-apis.js';
import { addHttpApi } from './tf-http-api.js';
import { addBucketNotification, addEventSourceMapping, addRule, addSnsSubscription } from './tf-events.js';
import type { TerraformState } from './tf-common.js';
import { addFunctionUrl, addFunctionUrlPermission, usesInvokedViaFunctionUrl } from './tf-function-urls.js';
import { functionArn, put, tfName } from './tf-common.js';
import { regionInterpolation, runtimesToAwsProviderVersion, terraformBlock } from './tf-requirements.js';
import { addFunctionExtras, tfFunctionAttributes } from './tf-function-extras.js';

export interface TerraformTemplateOptions {
  /** The REST API's OpenAPI document with Terraform integration URIs. @default generated with `terraformIntegrationUri` */
  readonly openapi?: OpenApiDocument;
}

export type TerraformTemplate = Record<string, unknown>;

/** Where `chalice package` puts the deployment package, relative to the configuration. */
const CODE_FILE = '${path.module}/deployment.zip';

/** The integration URI of a function in the configuration (for `generateOpenApiDocument`). */
export function terraformIntegrationUri(fn: LambdaFunctionResource): string {
  const name = tfName(fn.resourceName, `function ${fn.resourceName}`);
  return invokedAlias(fn) === undefined ? `\${aws_lambda_function.${name}.invoke_arn}` : `\${aws_lambda_alias.${name}.invoke_arn}`;
}

export function generateTerraformTemplate(graph: AppGraph, options: TerraformTemplateOptions = {}): TerraformTemplate {
  const runtimes = [...resourcesOfKind(graph, 'lambda-function'), ...resourcesOfKind(graph, 'lambda-layer')].map((r) => r.runtime);
  const awsProvider = runtimesToAwsProviderVersion(runtimes, { invokedViaFunctionUrl: usesInvokedViaFunctionUrl(resourcesOfKind(graph, 'lambda-permission')) });
  const state: TerraformState = { graph, resource: {}, locals: {}, output: {}, region: regionInterpolation(awsProvider) };
  for (const resource of graph.resources) {
    switch (resource.kind) {
      case 'managed-iam-role':
        addRole(state, resource);
        break;
      case 'existing-iam-role':
        break; // Referenced by ARN; nothing to create.
      case 'lambda-layer':
        addLayer(state, resource);
        break;
      case 'lambda-function':
        addFunction(state, resource);
        break;
      case 'rest-api':
        addRestApi(state, resource, options.openapi ?? generateOpenApiDocument(graph, { integrationUri: terraformIntegrationUri })!);
        break;
      case 'lambda-permission':
        if (resource.source.kind === 'function-url') addFunctionUrlPermission(state, { ...resource, source: resource.source });
        else addPermission(state, resource);
        break;
      case 'event-rule':
        addRule(state, resource);
        break;
      case 'sns-subscription':
        addSnsSubscription(state, resource);
        break;
      case 'event-source-mapping':
        addEventSourceMapping(state, resource);
        break;
      case 's3-bucket-notification':
        addBucketNotification(state, resource);
        break;
      case 'websocket-api':
        addWebsocketApi(state, resource);
        break;
      case 'domain-name':
        addDomainName(state, resource);
        break;
      case 'api-mapping':
        addApiMapping(state, resource);
        break;
      case 'function-url':
        addFunctionUrl(state, resource);
        break;
      case 'http-api':
        addHttpApi(state, resource);
        break;
      default: {
        const never: never = resource;
        throw new Error(`unknown resource ${JSON.stringify(never)}`);
      }
    }
  }
  for (const fn of resourcesOfKind(graph, 'lambda-function')) {
    const prefix = functionOutputPrefix(fn);
    state.output[`${prefix}Name`] = { value: `\${aws_lambda_function.${fn.resourceName}.function_name}` };
    state.output[`${prefix}Arn`] = { value: functionArn(fn.resourceName) };
  }
  return escapeTemplateSyntax(sortKeysDeep({
    terraform: terraformBlock(awsProvider),
    data: {
      aws_caller_identity: { chalice: {} },
      aws_partition: { chalice: {} },
      aws_region: { chalice: {} },
      null_data_source: { chalice: { inputs: { app: graph.appName, stage: graph.stage } } },
    },
    locals: state.locals,
    resource: state.resource,
    output: state.output,
  })) as TerraformTemplate;
}

// Interpolations this generator writes (and references to Terraform resources a user may put
// in a value on purpose, such as a bucket name `${aws_s3_bucket.b.id}`).
const OWN_INTERPOLATION = /\$\{(?!aws_[a-z0-9_]+\.|data\.|local\.|path\.|sha1\(local\.|sha1\(jsonencode\(\[aws_|filebase64sha256\()/g;

/**
 * Terraform evaluates `${…}` and `%{…}` in every string. Anything else that looks like them
 * (IAM policy variables such as `${aws:username}` in a policy file, user values) is escaped
 * (`$${`, `%%{`) so Terraform passes it through literally.
 */
function escapeTemplateSyntax(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(OWN_INTERPOLATION, '$$${').replace(/%\{/g, '%%{');
  if (Array.isArray(value)) return value.map(escapeTemplateSyntax);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, escapeTemplateSyntax(item)]));
  }
  return value;
}

function addRole(state: TerraformState, role: ManagedIamRoleResource): void {
  const name = tfName(role.resourceName, `IAM role ${role.resourceName}`);
  put(state, 'aws_iam_role', name, { name: role.roleName, assume_role_policy: JSON.stringify(role.trustPolicy) });
  put(state, 'aws_iam_role_policy', name, {
    name: `${name}Policy`,
    policy: JSON.stringify(role.policyDocument),
    role: `\${aws_iam_role.${name}.id}`,
  });
}

function addLayer(state: TerraformState, layer: LambdaLayerResource): void {
  const file = `\${path.module}/${layer.contentFile}`;
  put(state, 'aws_lambda_layer_version', layer.resourceName, {
    layer_name: layer.layerName,
    compatible_architectures: layer.compatibleArchitectures,
    compatible_runtimes: [layer.runtime],
    filename: file,
    source_code_hash: `\${filebase64sha256("${file}")}`,
  });
}

function addFunction(state: TerraformState, fn: LambdaFunctionResource): void {
  const name = tfName(fn.resourceName, `function ${fn.resourceName}`);
  const role = resolveRef(state.graph, fn.role);
  const layers = [...(fn.managedLayer === undefined ? [] : [`\${aws_lambda_layer_version.${fn.managedLayer.name}.arn}`]), ...fn.layers];
  put(state, 'aws_lambda_function', name, {
    function_name: fn.functionName,
    runtime: fn.runtime,
    architectures: [fn.architecture],
    handler: fn.handler,
    memory_size: fn.memorySize,
    tags: fn.tags,
    timeout: fn.timeout,
    ...(fn.ephemeralStorage === undefined ? {} : { ephemeral_storage: { size: fn.ephemeralStorage } }),
    ...(fn.deadLetterQueue === undefined ? {} : { dead_letter_config: { target_arn: fn.deadLetterQueue } }),
    filename: CODE_FILE,
    // Terraform updates the code when the zip's hash changes.
    source_code_hash: `\${filebase64sha256("${CODE_FILE}")}`,
    role: role.kind === 'existing-iam-role' ? role.roleArn : `\${aws_iam_role.${role.resourceName}.arn}`,
    ...(fn.subnetIds.length > 0 ? { vpc_config: { subnet_ids: fn.subnetIds, security_group_ids: fn.securityGroupIds } } : {}),
    ...(fn.reservedConcurrency === undefined ? {} : { reserved_concurrent_executions: fn.reservedConcurrency }),
    ...(Object.keys(fn.environment).length > 0 ? { environment: { variables: fn.environment } } : {}),
    ...(fn.xray ? { tracing_config: { mode: 'Active' } } : {}),
    ...(layers.length > 0 ? { layers } : {}),
    ...tfFunctionAttributes(fn),
  });
  addFunctionExtras(state, name, fn);
  if (fn.logRetentionInDays !== undefined) {
    put(state, 'aws_cloudwatch_log_group', name, { name: `/aws/lambda/${fn.functionName}`, retention_in_days: fn.logRetentionInDays });
  }
}
