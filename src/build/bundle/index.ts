/** Bundling the app into `app.mjs` and assembling the Lambda deployment package. */
export { BUNDLE_FILE, bundleApp, type BundleAppOptions, type BundleResult, type ExternalPackage } from './bundle-app.js';
export { createEntryModuleSource, ENTRY_SOURCE_FILE, type EntryFunction } from './entry-module.js';
export { appToLambdaFunctionNames, type AppModelLike } from './lambda-names.js';
export { findPackageRoot, isNativeAddonPackage, specifierToPackageName } from './native-addons.js';
export {
  buildDeploymentPackage,
  DEPLOYMENT_ZIP,
  LAYER_ZIP,
  type DeploymentPackage,
  type DeploymentPackageOptions,
} from './deployment-package.js';
