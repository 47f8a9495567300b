/**
 * `chalice-ts/cdk`: a Chalice project as an AWS CDK construct.
 *
 * ```ts
 * import { ChaliceApp } from 'chalice-ts/cdk';
 * const api = new ChaliceApp(this, 'Api', {
 *   sourceDir: join(import.meta.dirname, '../runtime'),
 *   stageConfig: { environment_variables: { TABLE_NAME: table.tableName } },
 * });
 * table.grantReadWriteData(api.getRole('DefaultRole'));
 * ```
 *
 * `aws-cdk-lib` and `constructs` are optional peer dependencies: only this entry point uses
 * them, so install them in the CDK app that imports it.
 */
export type { ChaliceAppProps } from './chalice-app.js';
export { ChaliceApp, SAM_TRANSFORM } from './chalice-app.js';
export type { StageOverrides } from './stage-config.js';
