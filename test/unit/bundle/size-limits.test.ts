import { describe, expect, it } from 'vitest';
import { formatBytes, sizeWarnings } from '../../../src/build/zip/size-limits.js';

const MB = 1024 * 1024;

describe('Lambda package size warnings', () => {
  it.each([
    ['a small package', [{ name: 'deployment.zip', zippedBytes: 20_000, unzippedBytes: 80_000 }], []],
    ['a zip just under 45 MB', [{ name: 'deployment.zip', zippedBytes: 45 * MB, unzippedBytes: 100 * MB }], []],
    ['a zip over 45 MB', [{ name: 'deployment.zip', zippedBytes: 46 * MB, unzippedBytes: 100 * MB }], [/deployment\.zip is 46\.0 MB zipped; Lambda accepts at most 50 MB/]],
    ['code close to 250 MB unzipped', [{ name: 'deployment.zip', zippedBytes: 40 * MB, unzippedBytes: 240 * MB }], [/unzip to 240\.0 MB, which is close to Lambda's 250 MB limit/]],
    [
      'code plus layer over 250 MB unzipped',
      [
        { name: 'deployment.zip', zippedBytes: 1 * MB, unzippedBytes: 10 * MB },
        { name: 'layer-deployment.zip', zippedBytes: 40 * MB, unzippedBytes: 245 * MB },
      ],
      [/deployment\.zip \+ layer-deployment\.zip unzip to 255\.0 MB, which exceeds Lambda's 250 MB limit/],
    ],
  ])('%s', (_what, archives, expected) => {
    const warnings = sizeWarnings(archives);
    expect(warnings).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(warnings[i]).toMatch(pattern));
  });

  it.each([
    [512, '512 B'],
    [20_388, '19.9 KB'],
    [3 * MB, '3.0 MB'],
  ])('formats %d bytes as %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
