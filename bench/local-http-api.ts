/**
 * Throughput of `chalice local` serving an HTTP API app (`api_type: "http"`: payload format
 * 2.0 events, the HTTP API emulation in src/local/http-api) against a bare `node:http` server
 * answering the same JSON, measured like bench/local.ts (harness and output: bench/local-helpers.ts).
 * Run: `npx tsx bench/local-http-api.ts [seconds-per-round] [rounds]` after `npm run build`.
 * No assertions: the numbers are for people, with the baseline measured in the same run.
 */
import { compareLocalWithBare } from './local-helpers.js';

const APP = `import { Chalice } from 'chalice-ts';
export const app = new Chalice({ appName: 'bench-http-api' });
app.route('/', function index() {
  return { hello: 'world' };
});
`;

await compareLocalWithBare({
  label: 'HTTP API',
  appSource: APP,
  config: { version: '2.0', app_name: 'bench-http-api', api_type: 'http' },
  body: { hello: 'world' },
  seconds: Number(process.argv[2] ?? 3),
  rounds: Number(process.argv[3] ?? 5),
});
