/**
 * Names of the Lambda entry points in the deployment package.
 *
 * The bundle's `app.mjs` exports one handler per function, named by `handlerExportName`, and
 * each function's Lambda `Handler` is `app.<export>`. Resource names are letters, digits, `_`
 * and `-`; the mapping is injective because `$` never occurs in a resource name:
 *   `-` → `$`, a leading digit gets a `$` prefix, a reserved word gets a `$` suffix.
 */
import { ChaliceTsError } from '../project/errors.js';

// Words that cannot be used as a `const` binding in an ES module (strict mode), plus the
// names ESM treats specially.
const RESERVED = new Set([
  'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete',
  'do', 'else', 'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'implements',
  'import', 'in', 'instanceof', 'interface', 'let', 'new', 'null', 'package', 'private', 'protected',
  'public', 'return', 'static', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var',
  'void', 'while', 'with', 'yield', 'arguments', 'eval', 'undefined', 'NaN', 'Infinity',
]);

/** The module the Lambda handler string points into (`app.mjs` at the package root). */
export const HANDLER_MODULE = 'app';

/**
 * A valid JavaScript identifier for the export serving `resourceName`
 * (`api_handler` → `api_handler`, `my-fn` → `my$fn`, `1st` → `$1st`, `delete` → `delete$`).
 * @throws ChaliceTsError for a name with characters other than letters, digits, `_` and `-`.
 */
export function handlerExportName(resourceName: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(resourceName)) {
    throw new ChaliceTsError(
      `Function name ${JSON.stringify(resourceName)} may only contain letters, digits, '_' and '-'; rename it with { name: '...' }`,
      'function_name_invalid',
    );
  }
  let name = resourceName.replaceAll('-', '$');
  if (/^[0-9]/.test(name)) name = `$${name}`;
  if (RESERVED.has(name)) name = `${name}$`;
  return name;
}

/** The Lambda `Handler` setting for the function `resourceName`: `app.<export>`. */
export function lambdaHandlerString(resourceName: string): string {
  return `${HANDLER_MODULE}.${handlerExportName(resourceName)}`;
}
