/**
 * Pure lookups from an AWS SDK v3 export (a command class, a paginator, a waiter, a client
 * class, a library helper) to what it means for the IAM policy. All service-specific facts
 * live in the data files next to this one; this module only applies their rules.
 */
import {
  HTTP_VERB_PREFIXES,
  OPERATION_ACTION_EXCEPTIONS,
  OPERATION_VERB_TO_HTTP_METHOD,
  WAITER_OPERATIONS,
} from './action-exceptions.js';
import {
  DOCUMENT_CLIENT_CLASSES,
  DOCUMENT_CLIENT_OPERATIONS,
  DOCUMENT_CLIENT_PACKAGE,
  DOCUMENT_CLIENT_TARGET,
  LIBRARY_EXPORT_ACTIONS,
} from './sdk-libraries.js';
import { packageToServicePrefix } from './service-prefixes.js';

export type ExportMeaning =
  /** Referencing the export means these actions are used (commands, paginators, `Upload`). */
  | { readonly kind: 'actions'; readonly actions: readonly string[] }
  /** A client class; `aggregated` clients have one method per operation (`new S3().putObject`). */
  | { readonly kind: 'client-class'; readonly aggregated: boolean }
  /** An export that makes calls the tables cannot name; the policy may miss them. */
  | { readonly kind: 'unmapped'; readonly reason: string }
  | { readonly kind: 'none' };

const NONE: ExportMeaning = { kind: 'none' };

/** `s3` + `ListObjectsV2` → `['s3:ListBucket']`; undefined when no rule applies. */
export function operationToActions(prefix: string, operation: string): readonly string[] | undefined {
  const exception = own(own(OPERATION_ACTION_EXCEPTIONS, prefix), operation);
  if (exception !== undefined) return exception;
  if (HTTP_VERB_PREFIXES.has(prefix)) {
    const verb = /^[A-Z][a-z]+/.exec(operation)?.[0];
    const method = verb === undefined ? undefined : own(OPERATION_VERB_TO_HTTP_METHOD, verb);
    return method === undefined ? undefined : [`${prefix}:${method}`];
  }
  return [`${prefix}:${operation}`];
}

/** `putObject` → `PutObject`: aggregated clients name their methods after the operation. */
export function methodToOperation(method: string): string {
  return method.charAt(0).toUpperCase() + method.slice(1);
}

/** What referencing `name` exported by `packageName` means for the policy. */
export function sdkExportToMeaning(packageName: string, name: string): ExportMeaning {
  const library = own(own(LIBRARY_EXPORT_ACTIONS, packageName), name);
  if (library !== undefined) return { kind: 'actions', actions: library };
  if (packageName === DOCUMENT_CLIENT_PACKAGE) return documentClientExportToMeaning(name);
  const prefix = packageToServicePrefix(packageName);
  if (prefix === undefined) return NONE;
  const operation = commandOrPaginatorOperation(name);
  if (operation !== undefined) return actionsOrUnmapped(prefix, operation, `${name} of ${packageName}`);
  if (/^wait(Until|For)[A-Z]/.test(name)) {
    const waited = own(WAITER_OPERATIONS, `${prefix}:${name}`);
    if (waited !== undefined) return actionsOrUnmapped(prefix, waited, `${name} of ${packageName}`);
    return { kind: 'unmapped', reason: `the waiter ${name} of ${packageName} polls an operation the policy generator does not know` };
  }
  if (name.endsWith('Client')) return { kind: 'client-class', aggregated: false };
  // Besides the `XClient` class every client package exports an aggregated class named like
  // the service (`S3`, `DynamoDB`, `ApiGatewayManagementApi`). Errors and enums are also
  // capitalised but are never constructed as clients, so only `new`/`.from` use this meaning.
  if (/^[A-Z]/.test(name) && !/(Exception|Error)$/.test(name)) return { kind: 'client-class', aggregated: true };
  return NONE;
}

/** The actions an aggregated client's method call needs (`s3.putObject(…)`), if any. */
export function aggregatedMethodToActions(packageName: string, method: string): readonly string[] | undefined {
  if (NON_OPERATION_METHODS.has(method) || !/^[a-z]/.test(method)) return undefined;
  const meaning = sdkExportToMeaning(packageName, `${methodToOperation(method)}Command`);
  return meaning.kind === 'actions' ? meaning.actions : undefined;
}

/** Methods every client has that are not API operations. */
const NON_OPERATION_METHODS: ReadonlySet<string> = new Set(['send', 'destroy']);

function documentClientExportToMeaning(name: string): ExportMeaning {
  const clientClass = own(DOCUMENT_CLIENT_CLASSES, name);
  if (clientClass !== undefined) return { kind: 'client-class', aggregated: clientClass.aggregated };
  const operation = commandOrPaginatorOperation(name);
  const target = operation === undefined ? undefined : own(DOCUMENT_CLIENT_OPERATIONS, operation);
  if (target === undefined) return NONE;
  return sdkExportToMeaning(DOCUMENT_CLIENT_TARGET, `${target}Command`);
}

function commandOrPaginatorOperation(name: string): string | undefined {
  if (/^[A-Z]\w*Command$/.test(name)) return name.slice(0, -'Command'.length);
  if (/^paginate[A-Z]/.test(name)) return name.slice('paginate'.length);
  return undefined;
}

function actionsOrUnmapped(prefix: string, operation: string, what: string): ExportMeaning {
  const actions = operationToActions(prefix, operation);
  if (actions !== undefined) return { kind: 'actions', actions };
  return { kind: 'unmapped', reason: `${what} has no known IAM action` };
}

/**
 * A table lookup that ignores inherited properties: keys come from user code, and a method
 * named `constructor` must not find `Object.prototype.constructor`.
 */
export function own<T>(table: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return table !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}
