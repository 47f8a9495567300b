/** CloudFormation expressions for ARNs the SAM template refers to. */
import type { LambdaFunctionResource, NameOrArn } from '../../../graph/index.js';
import { invokedAlias } from '../../../graph/index.js';
import { functionLogicalId } from '../logical-names.js';

export type CfnValue = unknown;

/** An ARN as given, or `arn:<partition>:<service>:<region>:<account>:<resource>` of a name in the stack's account. */
export function arnOf(value: NameOrArn, service: string, resourcePrefix = ''): CfnValue {
  if ('arn' in value) return value.arn;
  return { 'Fn::Sub': `arn:\${AWS::Partition}:${service}:\${AWS::Region}:\${AWS::AccountId}:${resourcePrefix}${value.name}` };
}

/** The alias SAM generates for `AutoPublishAlias` (`<function>Alias<alias>`), when triggers invoke one. */
export function samAliasLogicalId(fn: LambdaFunctionResource): string | undefined {
  const alias = invokedAlias(fn);
  return alias === undefined ? undefined : `${functionLogicalId(fn)}Alias${alias}`;
}

/** What a trigger invokes: the function's ARN, or its alias's (`Ref` of an alias is its ARN). */
export function samInvokedArn(fn: LambdaFunctionResource): CfnValue {
  const alias = samAliasLogicalId(fn);
  return alias === undefined ? { 'Fn::GetAtt': [functionLogicalId(fn), 'Arn'] } : { Ref: alias };
}

/** `FunctionName` of a permission: the function, or its alias (the permission then lives in the alias's policy). */
export function samInvokedName(fn: LambdaFunctionResource): CfnValue {
  return { Ref: samAliasLogicalId(fn) ?? functionLogicalId(fn) };
}

/** API Gateway's invocation URI of a function (or of its alias) in the template. */
export function samIntegrationUriFor(fn: LambdaFunctionResource): CfnValue {
  const arn = samAliasLogicalId(fn) ?? `${functionLogicalId(fn)}.Arn`;
  return {
    'Fn::Sub': `arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${arn}}/invocations`,
  };
}

/** `arn:…:execute-api:<region>:<account>:<api id>/*`: any stage, method and path of the API. */
export function executeApiArn(apiLogicalId: string): CfnValue {
  return {
    'Fn::Sub': ['arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${ApiId}/*', { ApiId: { Ref: apiLogicalId } }],
  };
}
