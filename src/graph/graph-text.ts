/**
 * `chalice appgraph`: the app graph as a readable, deterministic tree. One branch per resource
 * in dependency order, its settings indented below it; references read `→ kind name`.
 */
import type { AppGraph, HttpRoute, Resource, RestRoute } from './resources.js';
import { isRef } from './resources.js';

const POLICY_FIELDS = new Set(['policyDocument', 'trustPolicy', 'policy']);

export function appGraphToText(graph: AppGraph): string {
  const lines = [`Application ${graph.appName} (stage ${graph.stage})`];
  graph.resources.forEach((resource, index) => {
    const last = index === graph.resources.length - 1;
    lines.push(`${last ? '└──' : '├──'} ${resource.kind} ${resource.resourceName}`);
    const indent = last ? '      ' : '│     ';
    for (const line of resourceDetails(resource)) lines.push(`${indent}${line}`);
  });
  return `${lines.join('\n')}\n`;
}

function resourceDetails(resource: Resource): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(resource)) {
    if (key === 'kind' || key === 'resourceName' || value === undefined) continue;
    if (key === 'routes' && resource.kind === 'rest-api') {
      lines.push('routes:');
      for (const route of resource.routes) lines.push(`  ${routeLine(route)}`);
      continue;
    }
    if (key === 'routes' && resource.kind === 'http-api') {
      lines.push('routes:');
      for (const route of resource.routes) lines.push(`  ${httpRouteLine(route)}`);
      continue;
    }
    if (Array.isArray(value) && value.length === 0) continue;
    if (isPlainObject(value) && !isRef(value) && Object.keys(value).length === 0) continue;
    lines.push(`${key}: ${POLICY_FIELDS.has(key) ? policySummary(value) : formatValue(value)}`);
  }
  return lines;
}

function routeLine(route: RestRoute): string {
  const notes: string[] = [];
  if (route.authorizer) notes.push(`authorizer ${route.authorizer.name} (${route.authorizer.kind})`);
  if (route.apiKeyRequired) notes.push('api key');
  if (route.corsHeaders) notes.push('cors');
  if (route.contentTypes.join() !== 'application/json') notes.push(`consumes ${route.contentTypes.join(', ')}`);
  return `${route.method} ${route.path} → ${route.viewName}${notes.length > 0 ? ` [${notes.join('; ')}]` : ''}`;
}

function httpRouteLine(route: HttpRoute): string {
  const auth = route.authorizer;
  const scopes = auth?.kind === 'jwt' && auth.scopes.length > 0 ? `, scopes ${auth.scopes.join(' ')}` : '';
  const note = auth === undefined ? '' : ` [authorizer ${auth.name} (${auth.kind}${scopes})]`;
  return `${route.method} ${route.path} → ${route.viewName}${note}`;
}

function policySummary(value: unknown): string {
  const statements = (value as { Statement?: unknown[] }).Statement ?? [];
  return `IAM policy, ${statements.length} statement${statements.length === 1 ? '' : 's'}`;
}

/** Scalars as text, refs as `→ kind name`, objects as `key=value` pairs (nested ones in parentheses). */
function formatValue(value: unknown, nested = false): string {
  if (isRef(value)) return `→ ${value.ref} ${value.name}`;
  if (Array.isArray(value)) {
    const text = value.map((item) => formatValue(item, true)).join(', ');
    return nested ? `[${text}]` : text;
  }
  if (isPlainObject(value)) {
    const text = Object.keys(value)
      .sort()
      .map((key) => `${key}=${formatValue(value[key], true)}`)
      .join(', ');
    return nested ? `(${text})` : text;
  }
  return String(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
