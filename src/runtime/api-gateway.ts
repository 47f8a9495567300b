/** `app.api`: app-wide API Gateway settings (global CORS, binary types). */
import type { CORSConfig } from './cors.js';

export const DEFAULT_BINARY_TYPES: readonly string[] = [
  'application/octet-stream',
  'application/x-tar',
  'application/zip',
  'audio/basic',
  'audio/ogg',
  'audio/mp4',
  'audio/mpeg',
  'audio/wav',
  'audio/webm',
  'image/png',
  'image/jpg',
  'image/jpeg',
  'image/gif',
  'video/ogg',
  'video/mpeg',
  'video/webm',
];

export class APIGateway {
  /** Used by routes that do not set `cors` themselves. */
  cors: boolean | CORSConfig = false;
  readonly defaultBinaryTypes: readonly string[] = DEFAULT_BINARY_TYPES;
  /** Content types API Gateway treats as binary (base64 between it and Lambda). */
  binaryTypes: string[] = [...DEFAULT_BINARY_TYPES];
}
