import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MultiDict } from '../../../../src/runtime/index.js';

describe('MultiDict over API Gateway maps', () => {
  it('merges header names that differ only in case, in source order', () => {
    const headers = MultiDict.fromRecords({ Accept: ['a'], accept: ['b', 'c'] }, null, { caseInsensitive: true });
    expect(headers.getList('ACCEPT')).toEqual(['a', 'b', 'c']);
    expect(headers.get('accept')).toBe('c');
    expect(headers.keys()).toEqual(['accept']);
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
        indexed.keys();
        for (const probe of [...probes, ...Object.keys(record).map((k) => k.toUpperCase())]) {
          expect([scan().has(probe), scan().get(probe), scan().getList(probe)]).toEqual([indexed.has(probe), indexed.get(probe), indexed.getList(probe)]);
        }
        expect(scan().toMultiValueJSON()).toEqual(indexed.toMultiValueJSON());
      }),
      { numRuns: 300 },
    );
  });
});
