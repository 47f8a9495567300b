/** Schema-first routes through a real `chalice local` process, over a socket. */
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../functional/local/chalice-process.js';
import { localServerTarget } from './local-server-target.js';
import { defineSchemaValidationSuite, SCHEMAS_APP_DIR } from './schema-validation-suite.js';

defineSchemaValidationSuite('chalice local over a socket', () =>
  localServerTarget(SCHEMAS_APP_DIR, {
    // The app's own packages (zod, valibot) resolve through a node_modules link, as in a user's project.
    prepare: (projectDir) => symlinkSync(join(REPO_ROOT, 'node_modules'), join(projectDir, 'node_modules'), 'dir'),
  }),
);
