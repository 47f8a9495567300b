/**
 * Throughput of `chalice local` serving a REST API app against a bare `node:http` server
 * answering the same JSON (harness and what it prints: bench/local-helpers.ts).
 * Run: `npx tsx bench/local.ts [seconds-per-round] [rounds]` (builds nothing: run
 * `npm run build` first).
 * No assertions: the numbers are for people, with the baseline measured in the same run.
 */
import { compareLocalWithBare } from './local-helpers.js';

const HELLO_APP = `import { Chalice } from 'chalice-ts';
export const app = new Chalice({ appName: 'bench-hello' });
app.route('/', function index() {
  return { hello: 'world' };
});
`;

await compareLocalWithBare({
  appSource: HELLO_APP,
  config: { version: '2.0', app_name: 'bench-hello' },
  body: { hello: 'world' },
  seconds: Number(process.argv[2] ?? 3),
  rounds: Number(process.argv[3] ?? 5),
});
