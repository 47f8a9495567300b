// Injected into the CommonJS bundles by build-cjs.mjs: `import.meta.url` there is the bundle's own URL.
import { pathToFileURL } from 'node:url';

export const importMetaUrl = pathToFileURL(__filename).href;
