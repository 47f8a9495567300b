/**
 * `chalice generate-sdk [--sdk-type javascript] OUT`: the SDK API Gateway itself generates for a
 * deployed REST API stage (GetSdk), unpacked into OUT, as Chalice does. chalice-ts has no logic
 * of its own here: the downloader fetches API Gateway's zip, and this module unpacks it safely.
 *
 * API Gateway's zip holds one top-level directory (`apiGateway-js-sdk/`); like Chalice, its
 * contents become OUT (`OUT/README.md`, `OUT/apigClient.js`, `OUT/lib/…`), which must be new or
 * empty. Entries that would
 * land outside OUT (absolute paths, `..`) are refused rather than written.
 *
 * The downloader is an interface so the unpacking is tested without AWS; the real one is in
 * api-gateway-downloader.ts.
 */
import { resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { ChaliceTsError } from '../../project/errors.js';
import type { OnBuildMessage } from '../build-messages.js';
import { ignoreBuildMessages } from '../build-messages.js';
import { checkSdkOutputDirectory, writeSdkFiles } from './output-directory.js';

/** SDK types API Gateway generates that `chalice generate-sdk --sdk-type` offers (as Chalice). */
export type ApiGatewaySdkType = 'javascript';

export interface SdkDownloadRequest {
  readonly restApiId: string;
  /** The API Gateway stage (`api_gateway_stage`, default `api`). */
  readonly stage: string;
  readonly region: string;
  readonly sdkType: ApiGatewaySdkType;
}

/** Fetches the zip API Gateway generates for a REST API stage. */
export interface SdkDownloader {
  downloadSdk(request: SdkDownloadRequest): Promise<Uint8Array>;
}

export interface DownloadApiGatewaySdkOptions extends SdkDownloadRequest {
  readonly outDir: string;
  readonly downloader: SdkDownloader;
  readonly onMessage?: OnBuildMessage;
}

/** Downloads and unpacks; resolves with the written paths relative to OUT, sorted. */
export async function downloadApiGatewaySdk(options: DownloadApiGatewaySdkOptions): Promise<string[]> {
  const onMessage = options.onMessage ?? ignoreBuildMessages;
  const outDir = resolve(options.outDir);
  // OUT must be new or empty (an SDK's files from an older deploy must not mix with a new one); checked before downloading.
  checkSdkOutputDirectory(outDir, [], 'the SDK');
  onMessage({ kind: 'progress', text: `Generating the ${options.sdkType} SDK of REST API ${options.restApiId} (stage ${options.stage}, ${options.region})` });
  const { restApiId, stage, region, sdkType } = options;
  const zip = await options.downloader.downloadSdk({ restApiId, stage, region, sdkType });
  const files = sdkZipToFiles(zip);
  writeSdkFiles(outDir, files, onMessage, options.outDir);
  return [...files.keys()].sort();
}

/**
 * The files of API Gateway's SDK zip, keyed by their path inside OUT (the single top-level
 * directory removed). @throws ChaliceTsError when the zip is unreadable or unsafe.
 */
export function sdkZipToFiles(zip: Uint8Array): Map<string, Uint8Array> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch (error) {
    throw new ChaliceTsError(`API Gateway's SDK download is not a readable zip (${(error as Error).message}); try again, or check the REST API in the API Gateway console`, 'sdk_download_invalid');
  }
  const names = Object.keys(entries).filter((name) => !name.endsWith('/'));
  for (const name of names) {
    if (name.startsWith('/') || /^[A-Za-z]:/.test(name) || name.split(/[\\/]/).includes('..')) {
      throw new ChaliceTsError(`API Gateway's SDK zip has an entry outside its directory (${name}); nothing was written`, 'sdk_download_invalid');
    }
  }
  if (names.length === 0) throw new ChaliceTsError(`API Gateway's SDK zip is empty; nothing was written`, 'sdk_download_invalid');
  const tops = new Set(names.map((name) => name.split('/')[0]));
  const [top] = tops;
  const strip = tops.size === 1 && names.every((name) => name.startsWith(`${top}/`)) ? `${top}/` : '';
  const files = new Map<string, Uint8Array>();
  for (const name of names.sort()) files.set(name.slice(strip.length), entries[name]);
  return files;
}
