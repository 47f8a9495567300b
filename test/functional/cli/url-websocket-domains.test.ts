/**
 * `chalice url` for stages with a websocket API and custom domains, from the deployed state
 * alone: the generated URL stays alone on stdout (so `$(chalice url)` keeps working) and the
 * custom domains' URLs follow on stderr; an app with only a websocket API prints its wss:// URL.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { writeDeployedState } from '../../../src/project/deployed-state.js';
import { removeTempDirs, tempDir } from '../../helpers/fixture-projects.js';
import { runChalice } from '../local/chalice-process.js';

afterAll(removeTempDirs);

const REST = { name: 'rest_api', resourceType: 'rest_api', restApiId: 'r1', restApiUrl: 'https://r1.execute-api.us-west-2.amazonaws.com/api/', region: 'us-west-2' };
const WEBSOCKET = { name: 'websocket_api', resourceType: 'websocket_api', websocketApiId: 'w1', websocketApiUrl: 'wss://w1.execute-api.us-west-2.amazonaws.com/api/', region: 'us-west-2' };
const domain = (protocol: 'rest' | 'websocket', domainName: string) => ({
  name: protocol === 'rest' ? 'api_gateway_custom_domain' : 'websocket_api_custom_domain',
  resourceType: 'domain_name',
  protocol,
  domainName,
  endpointType: 'REGIONAL',
  owned: true,
  aliasDomainName: 'd-1.execute-api.us-west-2.amazonaws.com',
  hostedZoneId: 'Z1',
});

describe('chalice url with websocket APIs and custom domains', () => {
  it.each([
    [
      'REST API and both custom domains',
      [REST, domain('rest', 'api.example.com'), { name: 'm', resourceType: 'base_path_mapping', domainName: 'api.example.com', basePath: 'v1' }, WEBSOCKET, domain('websocket', 'ws.example.com')],
      'https://r1.execute-api.us-west-2.amazonaws.com/api/\n',
      'Custom domain: https://api.example.com/v1/\nCustom domain: wss://ws.example.com/\n',
    ],
    ['only a websocket API', [WEBSOCKET], 'wss://w1.execute-api.us-west-2.amazonaws.com/api/\n', ''],
  ])('%s', async (_case, resources, stdout, stderr) => {
    const dir = tempDir('chalice-url-');
    writeDeployedState(dir, 'dev', { resources });
    expect(await runChalice(['--project-dir', dir, 'url'])).toEqual({ code: 0, stdout, stderr });
  });
});
