import fc from 'fast-check';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { createDeterministicZip, type ZipFileEntry } from '../../../src/build/zip/deterministic-zip.js';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

interface CentralEntry {
  readonly name: string;
  readonly madeByOs: number;
  readonly mode: number;
  readonly dosTime: number;
  readonly dosDate: number;
}

/** Reads the central directory: what unzip tools use for names, modes and times. */
function centralDirectory(zip: Uint8Array): CentralEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.length - 22;
  expect(view.getUint32(end, true)).toBe(0x06054b50);
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const entries: CentralEntry[] = [];
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(offset, true)).toBe(0x02014b50);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    entries.push({
      name: new TextDecoder().decode(zip.subarray(offset + 46, offset + 46 + nameLength)),
      madeByOs: view.getUint8(offset + 5),
      mode: view.getUint32(offset + 38, true) >>> 16,
      dosTime: view.getUint16(offset + 12, true),
      dosDate: view.getUint16(offset + 14, true),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const FILES: ZipFileEntry[] = [
  { path: 'chalicelib/data/config.json', data: text('{"a": 1}') },
  { path: 'app.mjs', data: text('export const x = 1;\n'.repeat(50)) },
  { path: 'bin/tool', data: text('#!/bin/sh\necho hi\n'), executable: true },
  { path: '1', data: text('numeric name') },
];

describe('createDeterministicZip', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it('gives the same bytes for the same files twice', () => {
    expect(Buffer.from(createDeterministicZip(FILES)).equals(Buffer.from(createDeterministicZip(FILES)))).toBe(true);
  });

  it('gives the same bytes whatever order the files are listed in', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(FILES, { minLength: FILES.length, maxLength: FILES.length }), (shuffled) => {
        expect(Buffer.from(createDeterministicZip(shuffled)).equals(Buffer.from(createDeterministicZip(FILES)))).toBe(true);
      }),
      { numRuns: 20 },
    );
  });

  it('gives the same bytes in every time zone', () => {
    const zips = ['UTC', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Kiritimati'].map((tz) => {
      process.env.TZ = tz;
      return Buffer.from(createDeterministicZip(FILES));
    });
    for (const zip of zips) expect(zip.equals(zips[0])).toBe(true);
  });

  it('sorts entries by path, with an entry for every directory', () => {
    expect(centralDirectory(createDeterministicZip(FILES)).map((e) => e.name)).toEqual([
      '1',
      'app.mjs',
      'bin/',
      'bin/tool',
      'chalicelib/',
      'chalicelib/data/',
      'chalicelib/data/config.json',
    ]);
  });

  it('fixes Unix modes (0644 files, 0755 directories and executables) and the 1980-01-01 timestamp', () => {
    const entries = centralDirectory(createDeterministicZip(FILES));
    const modes = Object.fromEntries(entries.map((e) => [e.name, e.mode.toString(8)]));
    expect(modes).toMatchObject({ 'app.mjs': '100644', 'bin/': '40755', 'bin/tool': '100755', 'chalicelib/data/config.json': '100644' });
    for (const entry of entries) {
      expect(entry.madeByOs).toBe(3); // Unix, so extractors apply the mode
      expect(entry.dosTime).toBe(0); // 00:00:00
      expect(entry.dosDate).toBe((0 << 9) | (1 << 5) | 1); // 1980-01-01
    }
  });

  it('round-trips the contents', () => {
    const unzipped = unzipSync(createDeterministicZip(FILES));
    for (const file of FILES) expect(new TextDecoder().decode(unzipped[file.path])).toBe(new TextDecoder().decode(file.data));
  });

  it.each([
    [[{ path: 'a.txt', data: text('1') }, { path: 'a.txt', data: text('2') }], /Two files would be written to a\.txt/],
    [[{ path: 'a', data: text('1') }, { path: 'a/b', data: text('2') }], /a is both a file and a directory/],
    [[{ path: '/abs', data: text('1') }], /Invalid path/],
    [[{ path: 'x/../y', data: text('1') }], /Invalid path/],
    [[{ path: 'win\\path', data: text('1') }], /Invalid path/],
  ])('refuses %j', (files, message) => {
    expect(() => createDeterministicZip(files)).toThrow(message);
  });
});
