import { describe, expect, it } from 'vitest';
import { handlerExportName, lambdaHandlerString } from '../../../src/graph/index.js';

describe('handler export names', () => {
  it.each([
    ['api_handler', 'api_handler'],
    ['websocket_connect', 'websocket_connect'],
    ['my-fn', 'my$fn'],
    ['bp_auth', 'bp_auth'],
    ['1st', '$1st'],
    ['delete', 'delete$'],
    ['default', 'default$'],
    ['await', 'await$'],
  ])('%s → %s', (name, expected) => {
    expect(handlerExportName(name)).toBe(expected);
    expect(lambdaHandlerString(name)).toBe(`app.${expected}`);
  });

  it('gives a valid JavaScript identifier that no other resource name maps to', () => {
    const names = ['a-b', 'a_b', 'a$b'.replace('$', '-'), 'delete', 'delete_', '1a', '_1a', 'x-1', 'x_1'];
    const exports = [...new Set(names)].map(handlerExportName);
    expect(new Set(exports).size).toBe(new Set(names).size);
    for (const name of exports) expect(() => new Function(`const ${name} = 1; return ${name};`)).not.toThrow();
  });

  it('refuses characters a resource name cannot have', () => {
    expect(() => handlerExportName('a.b')).toThrow(expect.objectContaining({ code: 'function_name_invalid' }));
  });
});
