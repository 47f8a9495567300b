import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MultiDict } from '../../../../src/runtime/index.js';

describe('MultiDict over API Gateway maps', () => {
  it('merges header names that differ only in case, in source order', () => {
    const headers = MultiDict.fromRecords({ Accept: ['a'], accept: ['b', 'c'] }, null, { caseInsensitive: true });
    expect(headers.getList('ACCEPT')).toEqual(['a', 'b', 'c']);
    expect(headers.get('accept')).toBe('c');
    expect([...headers.keys()]).toEqual(['accept']);
    expect(headers.toMultiValueJSON()).toEqual({ accept: ['a', 'b', 'c'] });
  });

  it('uses the single-value map only when the multi-value one is missing', () => {
    expect(MultiDict.fromRecords({ a: ['1', '2'] }, { a: '2', b: 'x' }).toMultiValueJSON()).toEqual({ a: ['1', '2'] });
    expect(MultiDict.fromRecords(null, { b: 'x' }).toMultiValueJSON()).toEqual({ b: ['x'] });
  });

  it('does not let callers change its values through getList', () => {
    const query = MultiDict.fromRecords({ a: ['1'] }, null);
    query.getList('a').push('2');
    expect(query.getList('a')).toEqual(['1']);
  });

  it('property: case-insensitive answers are the same before and after it builds its index', () => {
    const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,10}$/);
    const headers = fc.dictionary(name, fc.array(fc.string({ maxLength: 8 }), { minLength: 1, maxLength: 3 }), { maxKeys: 8 });
    fc.assert(
      fc.property(headers, fc.array(name, { maxLength: 12 }), (record, probes) => {
        // A fresh view per probe, so every answer comes from a scan (it indexes after a few).
        const scan = () => MultiDict.fromRecords(record, null, { caseInsensitive: true });
        const indexed = MultiDict.fromRecords(record, null, { caseInsensitive: true });
        indexed.size;
        for (const probe of [...probes, ...Object.keys(record).map((k) => k.toUpperCase())]) {
          expect([scan().has(probe), scan().get(probe), scan().getList(probe)]).toEqual([indexed.has(probe), indexed.get(probe), indexed.getList(probe)]);
        }
        expect(scan().toMultiValueJSON()).toEqual(indexed.toMultiValueJSON());
      }),
      { numRuns: 300 },
    );
  });
});

describe('MultiDict reads like a read-only Map', () => {
  const headersOf = () =>
    MultiDict.fromRecords({ 'Content-Type': ['application/json'], Accept: ['a'], accept: ['b'], 'X-Trace': ['1', '2'] }, null, { caseInsensitive: true });
  const queryOf = () => MultiDict.fromRecords({ q: ['x'], tag: ['a', 'b'], Q: ['upper'] }, null);

  it('iterates headers as [lower-cased name, last value] pairs, each name once', () => {
    const expected = [
      ['content-type', 'application/json'],
      ['accept', 'b'],
      ['x-trace', '2'],
    ];
    expect([...headersOf().entries()]).toEqual(expected);
    expect([...headersOf()]).toEqual(expected);
    expect(Array.from(headersOf().keys())).toEqual(['content-type', 'accept', 'x-trace']);
    expect(Array.from(headersOf().values())).toEqual(['application/json', 'b', '2']);
    expect(new Map(headersOf())).toEqual(new Map(expected as [string, string][]));
    expect(Object.fromEntries(headersOf())).toEqual(headersOf().toJSON());
  });

  it('keeps query parameter names as sent (case-sensitive)', () => {
    expect([...queryOf().entries()]).toEqual([
      ['q', 'x'],
      ['tag', 'b'],
      ['Q', 'upper'],
    ]);
    expect(queryOf().has('Q')).toBe(true);
    expect(queryOf().size).toBe(3);
  });

  it('calls forEach with (value, name, dict) like Map#forEach, honouring thisArg', () => {
    const headers = headersOf();
    const seen: unknown[] = [];
    const self = { tag: 'this' };
    headers.forEach(function (this: typeof self, value, name, dict) {
      seen.push([value, name, dict === headers, this.tag]);
    }, self);
    expect(seen).toEqual([
      ['application/json', 'content-type', true, 'this'],
      ['b', 'accept', true, 'this'],
      ['2', 'x-trace', true, 'this'],
    ]);
  });

  it('has size and has() that agree with its entries', () => {
    const headers = headersOf();
    expect(headers.size).toBe(3);
    expect(headers.has('ACCEPT')).toBe(true);
    expect(headers.has('missing')).toBe(false);
    expect(new MultiDict().size).toBe(0);
    expect([...new MultiDict()]).toEqual([]);
  });

  it('gives every value through getList while iteration gives the last one', () => {
    const headers = headersOf();
    for (const [name, value] of headers) expect(headers.getList(name).at(-1)).toBe(value);
    expect(headers.getList('x-trace')).toEqual(['1', '2']);
  });

  it('property: entries, keys, values, forEach and size describe the same map', () => {
    const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,10}$/);
    const record = fc.dictionary(name, fc.array(fc.string({ maxLength: 8 }), { minLength: 1, maxLength: 3 }), { maxKeys: 8 });
    fc.assert(
      fc.property(record, fc.boolean(), (values, caseInsensitive) => {
        const dict = MultiDict.fromRecords(values, null, { caseInsensitive });
        const entries = [...dict.entries()];
        const viaForEach: [string, string][] = [];
        dict.forEach((value, key) => viaForEach.push([key, value]));
        expect(viaForEach).toEqual(entries);
        expect([...dict.keys()]).toEqual(entries.map(([k]) => k));
        expect([...dict.values()]).toEqual(entries.map(([, v]) => v));
        expect(dict.size).toBe(entries.length);
        for (const [key, value] of entries) {
          expect(dict.get(key)).toBe(value);
          if (caseInsensitive) expect(key).toBe(key.toLowerCase());
        }
      }),
      { numRuns: 200 },
    );
  });
});
