import { describe, expect, it } from 'vitest';
import { formatFunctionError, invokePayload } from '../../../src/deploy/inspect/function-invoker.js';
import { ChaliceTsError } from '../../../src/project/errors.js';

describe('invokePayload', () => {
  it.each([
    ['', '{}'],
    ['  \n', '{}'],
    ['{"a": 1}', '{"a": 1}'],
    ['[1, 2]', '[1, 2]'],
    ['"text"', '"text"'],
    ['42\n', '42\n'],
  ])('%j is sent as %j', (stdin, sent) => {
    expect(invokePayload(stdin)).toBe(sent);
  });

  it.each([
    ['{"a": 1,}', /line 1, column 8: trailing commas/],
    ['{\n  "a": 1\n  "b": 2\n}', /line 3, column 3/],
    ["{'a': 1}", /line 1, column 2/],
    ['not json', /line 1, column 1/],
  ])('rejects %j with its position and how to pass JSON', (stdin, where) => {
    let error: unknown;
    try {
      invokePayload(stdin);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ChaliceTsError);
    const message = (error as Error).message;
    expect(message).toMatch(/^The payload on stdin is not valid JSON at /);
    expect(message).toMatch(where);
    expect(message).toContain("echo '{\"key\": \"value\"}' | chalice invoke -n NAME");
    expect(message).not.toContain('\n');
  });
});

describe('formatFunctionError', () => {
  it.each([
    {
      case: 'a Node error: heading, then its stack without repeating the heading',
      payload: { errorType: 'TypeError', errorMessage: 'x is undefined', trace: ['TypeError: x is undefined', '    at handler (/var/task/app.js:3:9)', '    at run (/var/runtime/index.mjs:1:1)'] },
      expected: 'TypeError: x is undefined\n    at handler (/var/task/app.js:3:9)\n    at run (/var/runtime/index.mjs:1:1)',
    },
    {
      case: 'a Node error without a trace',
      payload: { errorType: 'Runtime.ImportModuleError', errorMessage: "Cannot find module 'app'" },
      expected: "Runtime.ImportModuleError: Cannot find module 'app'",
    },
    {
      case: 'a Python error: traceback, then the heading',
      payload: { errorType: 'ValueError', errorMessage: 'bad', stackTrace: [['/var/task/app.py', 7, 'foo', 'raise ValueError("bad")'], '  File "/var/task/b.py", line 2, in bar\n    x()\n'] },
      expected: 'Traceback (most recent call last):\n  File "/var/task/app.py", line 7, in foo\n    raise ValueError("bad")\n  File "/var/task/b.py", line 2, in bar\n    x()\nValueError: bad',
    },
    {
      case: 'an error without a type',
      payload: { errorMessage: '2024-05-01T00:00:00Z abc Task timed out after 3.00 seconds' },
      expected: '2024-05-01T00:00:00Z abc Task timed out after 3.00 seconds',
    },
  ])('$case', ({ payload, expected }) => {
    expect(formatFunctionError(JSON.stringify(payload))).toBe(expected);
  });

  it.each([['"just a string"'], ['{"other": 1}'], ['not json'], ['[1]']])('shows %s as it came when it is not an error document', (payload) => {
    expect(formatFunctionError(payload)).toBe(payload);
  });
});
