import { describe, expect, it } from 'vitest';
import { parseProjectConfig, unknownFunctionConfigWarnings } from '../../../src/project/index.js';

const parse = (file: object) => parseProjectConfig(JSON.stringify(file), { projectDir: '/p', configPath: '/p/.chalice/config.json' });

describe('lambda_functions entries that name no function', () => {
  it('says nothing when every entry names a function', () => {
    const config = parse({ app_name: 'a', lambda_functions: { api_handler: { lambda_timeout: 5 } }, stages: { dev: { lambda_functions: { worker: {} } } } });
    expect(unknownFunctionConfigWarnings(config, 'dev', ['api_handler', 'worker'])).toEqual([]);
  });

  it('names the entry, where it is, and the closest function', () => {
    const config = parse({ app_name: 'a', stages: { dev: { lambda_functions: { wroker: { lambda_timeout: 5 } } } } });
    expect(unknownFunctionConfigWarnings(config, 'dev', ['api_handler', 'worker'])).toEqual([
      '/p/.chalice/config.json: stages.dev.lambda_functions.wroker matches no function of the app, so its settings are not used; did you mean "worker"?',
    ]);
  });

  it('lists the functions when nothing is close, and ignores other stages', () => {
    const config = parse({ app_name: 'a', lambda_functions: { zzz: {} }, stages: { dev: {}, prod: { lambda_functions: { other: {} } } } });
    expect(unknownFunctionConfigWarnings(config, 'dev', ['api_handler'])).toEqual([
      "/p/.chalice/config.json: lambda_functions.zzz matches no function of the app, so its settings are not used; the app's functions are: api_handler",
    ]);
  });
});
