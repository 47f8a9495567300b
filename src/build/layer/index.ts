/** Installing the packages that cannot be bundled, for Lambda's platform (in the package or a layer). */
export { configuredExternals, externalToInstallSpec, readProjectManifests, type InstallSpec, type ProjectManifests } from './dependency-specs.js';
export { architectureToNpmCpu, installForLambda, npmInstallArguments, type InstallOptions, type LambdaArchitecture } from './install-dependencies.js';
