import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../src/build/policy/js-tokenizer.js';
import { createOffsetToSourceLine } from '../../../src/build/policy/source-lines.js';

const identifiers = (code: string): string[] => tokenize(code).filter((t) => t.kind === 'ident').map((t) => t.value);

describe('tokenize', () => {
  it.each([
    ['a line comment', 'x // new Hidden()\ny', ['x', 'y']],
    ['a block comment', 'x /* new Hidden() */ y', ['x', 'y']],
    ['a string with an escaped quote', `x = 'it\\'s new Hidden()'; y`, ['x', 'y']],
    ['a template without substitutions', 'x = `new Hidden()`; y', ['x', 'y']],
    ['code inside a template substitution', 'x = `a ${new Shown()} b ${c} d`; y', ['x', 'new', 'Shown', 'c', 'y']],
    ['an object literal inside a substitution', 'x = `${ { a: 1 }.a }`; y', ['x', 'a', 'a', 'y']],
    ['a regex literal', 'x = /new Hidden\\(\\)[/]/g; y', ['x', 'y']],
    ['a division, not a regex', 'x = a / b / c', ['x', 'a', 'b', 'c']],
    ['a regex after return', 'return /new Hidden/.test(y)', ['return', 'test', 'y']],
    ['private names', 'this.#s3 = s3', ['this', 's3']],
  ])('skips or keeps %s', (_label, code, expected) => {
    expect(identifiers(code)).toEqual(expected);
  });

  it('keeps multi-character punctuators whole', () => {
    const punctuators = tokenize('a?.b ?? c === d => e').filter((t) => t.kind === 'punct').map((t) => t.value);
    expect(punctuators).toEqual(['?.', '??', '===', '=>']);
  });

  it('records where each token starts', () => {
    const [, second] = tokenize('foo  bar');
    expect(second).toMatchObject({ kind: 'ident', value: 'bar', start: 5 });
  });

  it('marks a template head that has substitutions', () => {
    const [, , template] = tokenize('require(`@aws-sdk/client-${name}`)');
    expect(template).toMatchObject({ kind: 'template', value: '@aws-sdk/client-', templateHead: true, substitutions: true });
  });
});

describe('createOffsetToSourceLine', () => {
  it('maps a token of the type-stripped code back to the line the user wrote', async () => {
    const source = [
      'interface Options {',
      '  readonly bucket: string;',
      '}',
      'type Key = string;',
      '',
      'export function put(options: Options, key: Key): unknown {',
      '  return marker(options, key);',
      '}',
    ].join('\n');
    const { code, map } = await esbuild.transform(source, { loader: 'ts', sourcemap: 'external', sourcefile: 'app.ts' });
    const marker = tokenize(code).find((t) => t.value === 'marker')!;
    expect(createOffsetToSourceLine(code, map)(marker.start)).toBe(7);
  });
});
