/** Custom domain names (`api_gateway_custom_domain`, `websocket_api_custom_domain`) and their API mappings. */
import type { CustomDomainConfig, EndpointType } from '../project/index.js';
import { ChaliceTsError } from '../project/errors.js';
import type { BuildContext } from './build-context.js';
import { sortedRecord } from './function-builder.js';
import type { ApiMappingResource, DomainNameResource, Ref } from './resources.js';
import { refTo } from './resources.js';

export function addCustomDomain(
  ctx: BuildContext,
  protocol: 'rest' | 'http' | 'websocket',
  config: CustomDomainConfig,
  endpointType: EndpointType,
  api: Ref<'rest-api'> | Ref<'http-api'> | Ref<'websocket-api'>,
  stage: string,
): void {
  if (protocol === 'rest' && endpointType === 'PRIVATE') {
    throw new ChaliceTsError(
      `api_gateway_custom_domain ${config.domainName} cannot serve a PRIVATE REST API (API Gateway custom domains here are EDGE or REGIONAL); remove the custom domain or set "api_gateway_endpoint_type" to "EDGE" or "REGIONAL"`,
      'custom_domain_unsupported',
    );
  }
  const domain: DomainNameResource = {
    kind: 'domain-name',
    resourceName: protocol === 'websocket' ? 'websocket_api_custom_domain' : 'api_gateway_custom_domain',
    protocol,
    domainName: config.domainName,
    certificateArn: config.certificateArn,
    // API Gateway v2 (HTTP and websocket API) custom domains are regional only.
    endpointType: protocol === 'rest' ? endpointType : 'REGIONAL',
    tlsVersion: config.tlsVersion,
    tags: sortedRecord(config.tags),
  };
  ctx.collector.add(domain);
  // `url_prefix: "/"` means the root, like no prefix at all.
  const basePath = config.urlPrefix?.replace(/^\/+|\/+$/g, '');
  const mapping: ApiMappingResource = {
    kind: 'api-mapping',
    resourceName: `${domain.resourceName}_mapping`,
    domain: refTo(domain),
    api,
    ...(basePath ? { basePath } : {}),
    stage,
  };
  ctx.collector.add(mapping);
}
