import { writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeTemplates, readMergeTemplate } from '../../../src/build/merge-template.js';

describe('mergeTemplates', () => {
  it.each([
    ['adds keys only in the overlay', { a: 1 }, { b: 2 }, { a: 1, b: 2 }],
    ['keeps keys only in the base', { a: 1, b: 2 }, { b: 3 }, { a: 1, b: 3 }],
    ['merges nested objects key by key', { R: { F: { Type: 'T', Properties: { A: 1, B: 2 } } } }, { R: { F: { Properties: { B: 3, C: 4 } } } }, { R: { F: { Type: 'T', Properties: { A: 1, B: 3, C: 4 } } } }],
    ['replaces arrays whole instead of concatenating', { L: [1, 2, 3] }, { L: [4] }, { L: [4] }],
    ['replaces an object with a scalar', { A: { x: 1 } }, { A: 'text' }, { A: 'text' }],
    ['replaces a scalar with an object', { A: 'text' }, { A: { x: 1 } }, { A: { x: 1 } }],
    ['replaces with null (a value, not a deletion)', { A: { x: 1 } }, { A: null }, { A: null }],
    ['replaces an array with an object', { A: [1] }, { A: { x: 1 } }, { A: { x: 1 } }],
  ])('%s', (_what, base, overlay, expected) => {
    expect(mergeTemplates(base, overlay)).toEqual(expected);
  });

  it('leaves both inputs unchanged', () => {
    const base = { R: { F: { P: { A: 1 } } } };
    const overlay = { R: { F: { P: { B: 2 } } } };
    mergeTemplates(base, overlay);
    expect(base).toEqual({ R: { F: { P: { A: 1 } } } });
    expect(overlay).toEqual({ R: { F: { P: { B: 2 } } } });
  });

  it('treats a "__proto__" key as data', () => {
    const merged = mergeTemplates({}, JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.keys(merged)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('readMergeTemplate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chalice-ts-merge-'));
  const file = (name: string, content: string): string => {
    writeFileSync(join(dir, name), content);
    return join(dir, name);
  };

  it('reads JSON', () => {
    expect(readMergeTemplate(file('a.json', '{"Resources": {"T": {"Type": "X"}}}'))).toEqual({ Resources: { T: { Type: 'X' } } });
  });

  it('reads YAML with CloudFormation short-form functions as their long JSON form', () => {
    const yaml = [
      'Resources:',
      '  T:',
      '    Properties:',
      '      A: !Ref Table',
      '      B: !GetAtt Table.Arn',
      '      C: !Sub "arn:${AWS::Partition}:s3:::b"',
      '      D: !Join [",", [a, b]]',
      '      E: !If [IsProd, !Ref A, !Ref B]',
      '      F: !GetAZs ""',
      '      G: !Select [0, !GetAZs ""]',
    ].join('\n');
    expect(readMergeTemplate(file('a.yaml', yaml))).toEqual({
      Resources: {
        T: {
          Properties: {
            A: { Ref: 'Table' },
            B: { 'Fn::GetAtt': ['Table', 'Arn'] },
            C: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::b' },
            D: { 'Fn::Join': [',', ['a', 'b']] },
            E: { 'Fn::If': ['IsProd', { Ref: 'A' }, { Ref: 'B' }] },
            F: { 'Fn::GetAZs': '' },
            G: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
          },
        },
      },
    });
  });

  it('accepts YAML in a file not named .yaml', () => {
    expect(readMergeTemplate(file('extras.template', 'Resources:\n  T:\n    Type: X\n'))).toEqual({ Resources: { T: { Type: 'X' } } });
  });

  it.each([
    ['a missing file', () => join(dir, 'missing.json'), /cannot be read/],
    ['invalid JSON', () => file('bad.json', '{"Resources": '), /is not valid JSON/],
    ['invalid YAML', () => file('bad.yaml', 'a: [1, 2'), /is not valid YAML/],
    ['a list instead of an object', () => file('list.json', '[1, 2]'), /must contain an object/],
  ])('refuses %s', (_what, path, message) => {
    expect(() => readMergeTemplate(path())).toThrow(message);
  });
});
