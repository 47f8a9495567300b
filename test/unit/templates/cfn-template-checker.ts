/**
 * Checks a SAM template against the resource specifications: every property name (nested
 * ones too) of every resource must exist for its type, required properties must be present,
 * and every `Ref`, `Fn::GetAtt`, `Fn::Sub` variable and `DependsOn` must name something that
 * exists. `AWS::Serverless::*` types use the SAM data in `sam-spec.ts`; all other types use
 * the CloudFormation resource specification (`@aws-cdk/cfnspec`).
 * Returns the problems found (empty when the template is valid).
 */
import { createRequire } from 'node:module';
import type { SamObjectSpec } from './sam-spec.js';
import { SAM_EVENT_SOURCES, SAM_RESOURCES } from './sam-spec.js';

interface CfnProperty {
  readonly Required?: boolean;
  readonly Type?: string;
  readonly ItemType?: string;
  readonly PrimitiveType?: string;
  readonly PrimitiveItemType?: string;
}
interface CfnType {
  readonly Properties?: Readonly<Record<string, CfnProperty>>;
  readonly Attributes?: Readonly<Record<string, unknown>>;
}
export interface CfnSpecification {
  readonly ResourceTypes: Readonly<Record<string, CfnType>>;
  readonly PropertyTypes: Readonly<Record<string, CfnType>>;
}

export function loadCfnSpecification(): CfnSpecification {
  const cfnspec = createRequire(import.meta.url)('@aws-cdk/cfnspec') as { specification(): CfnSpecification };
  return cfnspec.specification();
}

const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition', 'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix',
]);

type Template = { readonly Resources: Readonly<Record<string, { Type: string; Properties?: Record<string, unknown>; DependsOn?: unknown }>> };

function isIntrinsic(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function checkSamTemplate(template: Template, spec: CfnSpecification): string[] {
  const problems: string[] = [];
  const resources = template.Resources;

  const checkCfnObject = (where: string, resourceType: string, type: CfnType | undefined, value: unknown): void => {
    if (type === undefined) return void problems.push(`${where}: no specification for this type`);
    if (isIntrinsic(value)) return;
    if (!isObject(value)) return void problems.push(`${where}: expected an object`);
    const properties = type.Properties ?? {};
    for (const [name, property] of Object.entries(properties)) {
      if (property.Required && !(name in value)) problems.push(`${where}: required property ${name} is missing`);
    }
    for (const [name, item] of Object.entries(value)) {
      const property = properties[name];
      if (property === undefined) {
        problems.push(`${where}: unknown property ${name} (known: ${Object.keys(properties).join(', ')})`);
        continue;
      }
      const nestedType = (typeName: string): CfnType | undefined => spec.PropertyTypes[`${resourceType}.${typeName}`] ?? spec.PropertyTypes[typeName];
      if (property.Type === 'List' && property.ItemType !== undefined) {
        if (Array.isArray(item)) item.forEach((entry, i) => checkCfnObject(`${where}.${name}[${i}]`, resourceType, nestedType(property.ItemType!), entry));
      } else if (property.Type !== undefined && property.Type !== 'List' && property.Type !== 'Map') {
        checkCfnObject(`${where}.${name}`, resourceType, nestedType(property.Type), item);
      }
    }
  };

  const checkSamObject = (where: string, samSpec: SamObjectSpec, value: unknown): void => {
    if (isIntrinsic(value)) return;
    if (!isObject(value)) return void problems.push(`${where}: expected an object`);
    if (samSpec.values !== undefined) {
      for (const [name, item] of Object.entries(value)) checkSamObject(`${where}.${name}`, samSpec.values, item);
      return;
    }
    for (const name of samSpec.required ?? []) if (!(name in value)) problems.push(`${where}: required property ${name} is missing`);
    for (const [name, item] of Object.entries(value)) {
      if (!samSpec.properties.includes(name)) problems.push(`${where}: unknown property ${name}`);
      const nested = samSpec.nested?.[name];
      // Some SAM properties take a string or an object (EndpointConfiguration); only objects have keys to check.
      if (nested !== undefined && (isObject(item) || nested.required !== undefined)) checkSamObject(`${where}.${name}`, nested, item);
    }
  };

  const checkEvents = (where: string, events: unknown): void => {
    if (!isObject(events)) return void problems.push(`${where}: Events must be an object`);
    for (const [name, event] of Object.entries(events)) {
      if (!isObject(event)) continue;
      const eventSpec = SAM_EVENT_SOURCES[event.Type as string];
      if (eventSpec === undefined) {
        problems.push(`${where}.${name}: unknown event type ${String(event.Type)}`);
        continue;
      }
      for (const key of Object.keys(event)) if (key !== 'Type' && key !== 'Properties') problems.push(`${where}.${name}: unknown key ${key}`);
      checkSamObject(`${where}.${name}.Properties`, eventSpec, event.Properties);
    }
  };

  for (const [id, resource] of Object.entries(resources)) {
    const where = `${id} (${resource.Type})`;
    const samSpec = SAM_RESOURCES[resource.Type];
    if (samSpec !== undefined) {
      const { Events: events, ...rest } = resource.Properties ?? {};
      checkSamObject(`${where}.Properties`, samSpec, rest);
      if (events !== undefined) checkEvents(`${where}.Properties.Events`, events);
    } else if (resource.Type.startsWith('Custom::')) {
      // A custom resource (AWS::CloudFormation::CustomResource) takes any properties besides its required ServiceToken.
      if (!('ServiceToken' in (resource.Properties ?? {}))) problems.push(`${where}.Properties: required property ServiceToken is missing`);
    } else {
      checkCfnObject(`${where}.Properties`, resource.Type, spec.ResourceTypes[resource.Type], resource.Properties ?? {});
    }
    const dependsOn = resource.DependsOn === undefined ? [] : [resource.DependsOn].flat();
    for (const target of dependsOn) if (!(String(target) in resources)) problems.push(`${where}: DependsOn ${String(target)} does not exist`);
  }
  checkReferences(template, spec, problems);
  return problems;
}

/** Every `Ref`, `Fn::GetAtt` and `Fn::Sub` variable in the template names an existing resource (or attribute). */
function checkReferences(template: Template & { Outputs?: unknown; Parameters?: Readonly<Record<string, unknown>> }, spec: CfnSpecification, problems: string[]): void {
  const resources = template.Resources;
  // SAM generates `<Function>Alias<alias>` (an AWS::Lambda::Alias) for a function with AutoPublishAlias.
  const generatedAliases = new Set(
    Object.entries(resources).flatMap(([id, r]) => (r.Type === 'AWS::Serverless::Function' && typeof r.Properties?.AutoPublishAlias === 'string' ? [`${id}Alias${r.Properties.AutoPublishAlias}`] : [])),
  );
  const refOk = (name: string): boolean => {
    if (PSEUDO_PARAMETERS.has(name) || name in resources || name in (template.Parameters ?? {}) || generatedAliases.has(name)) return true;
    const [id, suffix] = name.split('.');
    const type = resources[id]?.Type;
    return suffix !== undefined && type !== undefined && (SAM_RESOURCES[type]?.refSuffixes ?? []).includes(suffix);
  };
  const attributeOk = (id: string, attribute: string): boolean => {
    const type = resources[id]?.Type;
    if (type === undefined) return false;
    const samSpec = SAM_RESOURCES[type];
    if (samSpec !== undefined) return samSpec.attributes.includes(attribute);
    return attribute in (spec.ResourceTypes[type]?.Attributes ?? {});
  };
  const visit = (where: string, value: unknown): void => {
    if (Array.isArray(value)) return value.forEach((item, i) => visit(`${where}[${i}]`, item));
    if (!isObject(value)) return;
    if (typeof value.Ref === 'string' && !refOk(value.Ref)) problems.push(`${where}: Ref to unknown ${value.Ref}`);
    const getAtt = value['Fn::GetAtt'];
    if (Array.isArray(getAtt) && !attributeOk(String(getAtt[0]), String(getAtt[1]))) {
      problems.push(`${where}: Fn::GetAtt ${getAtt.join('.')} does not exist`);
    }
    const sub = value['Fn::Sub'];
    if (sub !== undefined) {
      const [text, variables] = Array.isArray(sub) ? [String(sub[0]), (sub[1] ?? {}) as Record<string, unknown>] : [String(sub), {}];
      for (const [, name] of text.matchAll(/\$\{([^!}][^}]*)\}/g)) {
        if (name in variables) continue;
        const [id, attribute] = name.split('.');
        const ok = attribute === undefined ? refOk(name) : attributeOk(id, attribute) || refOk(name);
        if (!ok) problems.push(`${where}: Fn::Sub variable \${${name}} does not exist`);
      }
    }
    for (const [key, item] of Object.entries(value)) visit(`${where}.${key}`, item);
  };
  visit('Resources', resources);
  visit('Outputs', template.Outputs);
}
