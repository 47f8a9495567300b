import { describe, expect, it } from 'vitest';
import { DEFAULT_BINARY_TYPES } from '../../../../src/runtime/index.js';
import {
  acceptsBinary,
  contentTypeMatches,
  createContentTypeMatcher,
  isBinaryContentType,
  mediaTypeOf,
  parseAccept,
} from '../../../../src/runtime/http/content-type.js';

describe('media types', () => {
  it.each([
    ['application/json', 'application/json'],
    ['Text/HTML; charset=UTF-8', 'text/html'],
    ['  image/png  ', 'image/png'],
    ['multipart/form-data; boundary=x', 'multipart/form-data'],
  ])('mediaTypeOf(%j) is %j', (header, expected) => {
    expect(mediaTypeOf(header)).toBe(expected);
  });

  it.each([
    { types: ['application/json'], header: 'application/json;charset=utf-8', matches: true },
    { types: ['application/json'], header: 'application/jsonx', matches: false },
    { types: ['Application/X-Www-Form-Urlencoded'], header: 'application/x-www-form-urlencoded', matches: true },
    { types: ['text/*'], header: 'text/csv', matches: true },
    { types: ['text/*'], header: 'textual/csv', matches: false },
    { types: ['*/*'], header: 'anything/at-all', matches: true },
  ])('a route accepting $types matches $header: $matches', ({ types, header, matches }) => {
    expect(contentTypeMatches(createContentTypeMatcher(types), header)).toBe(matches);
  });

  it.each([
    { contentType: 'image/png', binaryTypes: DEFAULT_BINARY_TYPES, binary: true },
    { contentType: 'IMAGE/PNG; foo=bar', binaryTypes: DEFAULT_BINARY_TYPES, binary: true },
    { contentType: 'application/json', binaryTypes: DEFAULT_BINARY_TYPES, binary: false },
    { contentType: 'text/plain', binaryTypes: ['*/*'], binary: true },
    { contentType: 'image/webp', binaryTypes: ['image/*'], binary: true },
    { contentType: 'application/octet-stream', binaryTypes: [], binary: false },
  ])('$contentType is binary among $binaryTypes: $binary', ({ contentType, binaryTypes, binary }) => {
    expect(isBinaryContentType(contentType, binaryTypes)).toBe(binary);
  });
});

describe('Accept header', () => {
  it('parses ranges with q-values, defaulting q to 1 and clamping it', () => {
    expect(parseAccept('text/html, image/PNG;q=0.8, */*; level=1; q=0 ,, bad;q=x, big;q=7')).toEqual([
      { mediaType: 'text/html', q: 1 },
      { mediaType: 'image/png', q: 0.8 },
      { mediaType: '*/*', q: 0 },
      { mediaType: 'bad', q: 1 },
      { mediaType: 'big', q: 1 },
    ]);
  });

  it.each([
    { accept: undefined, accepts: false },
    { accept: '', accepts: false },
    { accept: 'application/json', accepts: false },
    { accept: 'image/png', accepts: true },
    { accept: 'application/json, application/zip;q=0.1', accepts: true },
    { accept: 'image/*', accepts: true },
    { accept: 'text/*', accepts: false },
    { accept: '*/*', accepts: true },
    { accept: '*/*;q=0', accepts: false },
    { accept: 'image/png;q=0', accepts: false },
  ])('Accept $accept asks for a default binary type: $accepts', ({ accept, accepts }) => {
    expect(acceptsBinary(accept, DEFAULT_BINARY_TYPES)).toBe(accepts);
  });

  it('a binary type wildcard covers a specific Accept', () => {
    expect(acceptsBinary('image/avif', ['image/*'])).toBe(true);
    expect(acceptsBinary('text/plain', ['*/*'])).toBe(true);
  });
});
