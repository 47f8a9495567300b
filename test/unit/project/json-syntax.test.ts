import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError } from '../../../src/project/json-syntax.js';
import { closestMatch } from '../../../src/project/suggest.js';

describe('findJsonSyntaxError', () => {
  it.each([
    { text: '{"a": [1, 2,]}', line: 1, column: 12, says: "trailing commas are not allowed in JSON; remove the ',' before ']'" },
    { text: '{\n  "a": 1,\n}', line: 2, column: 9, says: "remove the ',' before '}'" },
    { text: "{'a': 1}", line: 1, column: 2, says: 'single quotes' },
    { text: '{"a": \'x\'}', line: 1, column: 7, says: 'single quotes' },
    { text: '{"a": 1 /* c */}', line: 1, column: 9, says: 'comments are not allowed' },
    { text: '{"a": 1}\n{"b": 2}', line: 2, column: 1, says: 'unexpected content after the end of the JSON value' },
    { text: '{"a": "x\ny"}', line: 1, column: 9, says: 'line break inside a string' },
    { text: '{"a": "x', line: 1, column: 7, says: 'unterminated string' },
    { text: '{"a": tru}', line: 1, column: 7, says: 'expected a JSON value' },
    { text: '{"a": 01}', line: 1, column: 8, says: "expected ',' or '}'" },
    { text: '{"a" 1}', line: 1, column: 6, says: "expected ':'" },
    { text: '{"a": "\\x"}', line: 1, column: 8, says: 'invalid escape sequence \\x' },
    { text: '{"a": "\\u12"}', line: 1, column: 8, says: 'invalid \\u escape' },
    { text: '[1 2]', line: 1, column: 4, says: "expected ',' or ']'" },
    { text: '{a: 1}', line: 1, column: 2, says: 'expected a double-quoted property name' },
  ])('locates $says in $text', ({ text, line, column, says }) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(findJsonSyntaxError(text)).toEqual({ line, column, message: expect.stringContaining(says) });
  });

  it('accepts everything JSON.parse accepts', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(findJsonSyntaxError(text)).toBeUndefined();
      }),
    );
  });

  it('finds a problem in everything JSON.parse rejects', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom(',', '}', ']', '"', "'", ':', 'x', '\n'), (json, at, insert) => {
        const text = json.slice(0, at % (json.length + 1)) + insert + json.slice(at % (json.length + 1));
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(findJsonSyntaxError(text) === undefined).toBe(valid);
      }),
    );
  });
});

describe('closestMatch', () => {
  const keys = ['lambda_timeout', 'lambda_memory_size', 'tags', 'layers', 'subnet_ids'];
  it.each([
    { input: 'lambda_timout', expected: 'lambda_timeout' },
    { input: 'memory_size', expected: 'lambda_memory_size' },
    { input: 'tag', expected: 'tags' },
    { input: 'Layers', expected: 'layers' },
    { input: 'subnets', expected: 'subnet_ids' },
    { input: 'completely_different', expected: undefined },
  ])('$input -> $expected', ({ input, expected }) => {
    expect(closestMatch(input, keys)).toBe(expected);
  });
});
