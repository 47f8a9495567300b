/**
 * `chalice url` for a stage deployed with `api_type: "http"`: the HTTP API's URL alone on stdout
 * (so `$(chalice url)` works as with a REST API), its custom domain on stderr.
 */
import { afterAll, expect, it } from 'vitest';
import { writeDeployedState } from '../../../src/project/deployed-state.js';
import { removeTempDirs, tempDir } from '../../helpers/fixture-projects.js';
import { runChalice } from '../local/chalice-process.js';

afterAll(removeTempDirs);

const HTTP = { name: 'http_api', resourceType: 'http_api', httpApiId: 'h1', httpApiUrl: 'https://h1.execute-api.us-west-2.amazonaws.com/api/', region: 'us-west-2' };
const DOMAIN = {
  name: 'api_gateway_custom_domain',
  resourceType: 'domain_name',
  protocol: 'http',
  domainName: 'api.example.com',
  endpointType: 'REGIONAL',
  owned: true,
  aliasDomainName: 'd-1.execute-api.us-west-2.amazonaws.com',
  hostedZoneId: 'Z1',
};

it.each([
  ['an HTTP API', [HTTP], ''],
  ['an HTTP API with a custom domain', [HTTP, DOMAIN, { name: 'api_gateway_custom_domain_mapping', resourceType: 'api_mapping', domainName: 'api.example.com', key: 'v1' }], 'Custom domain: https://api.example.com/v1/\n'],
])('chalice url prints the URL of %s', async (_case, resources, stderr) => {
  const dir = tempDir('chalice-url-');
  writeDeployedState(dir, 'dev', { resources });
  expect(await runChalice(['--project-dir', dir, 'url'])).toEqual({ code: 0, stdout: 'https://h1.execute-api.us-west-2.amazonaws.com/api/\n', stderr });
});
