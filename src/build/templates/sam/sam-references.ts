/** CloudFormation expressions for ARNs the SAM template refers to. */
import type { NameOrArn } from '../../../graph/index.js';

export type CfnValue = unknown;

/** An ARN as given, or `arn:<partition>:<service>:<region>:<account>:<resource>` of a name in the stack's account. */
export function arnOf(value: NameOrArn, service: string, resourcePrefix = ''): CfnValue {
  if ('arn' in value) return value.arn;
  return { 'Fn::Sub': `arn:\${AWS::Partition}:${service}:\${AWS::Region}:\${AWS::AccountId}:${resourcePrefix}${value.name}` };
}

/** API Gateway's invocation URI of a function in the template. */
export function samIntegrationUriFor(logicalId: string): CfnValue {
  return {
    'Fn::Sub': `arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${logicalId}.Arn}/invocations`,
  };
}

/** `arn:…:execute-api:<region>:<account>:<api id>/*`: any stage, method and path of the API. */
export function executeApiArn(apiLogicalId: string): CfnValue {
  return {
    'Fn::Sub': ['arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${ApiId}/*', { ApiId: { Ref: apiLogicalId } }],
  };
}
