#!/usr/bin/env node
// The `chalice` command: runs the compiled CLI in dist/ (`npm run build` creates it).
process.setSourceMapsEnabled(true);

let main;
try {
  main = await import('../dist/cli/main.js');
} catch (error) {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli/main.js')) {
    process.stderr.write('Error: chalice-ts is not built; run `npm run build` in the chalice-ts directory\n');
    process.exit(1);
  }
  throw error;
}
// Exit explicitly: timers or sockets left open by a user's app must not keep the command alive.
process.exit(await main.run(process.argv));
