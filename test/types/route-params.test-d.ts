import { describe, expectTypeOf, it } from 'vitest';
import { Chalice, type ParamsOf, type Request } from '../../src/runtime/index.js';

describe('route parameter types', () => {
  it('reads parameter names from the path template', () => {
    expectTypeOf<ParamsOf<'/a/{first}/b/{second}'>>().toEqualTypeOf<{ first: string; second: string }>();
    expectTypeOf<ParamsOf<'/users/{id}'>>().toEqualTypeOf<{ id: string }>();
    expectTypeOf<ParamsOf<'/'>>().toEqualTypeOf<{}>();
  });

  it('types the params argument of a view', () => {
    const app = new Chalice({ appName: 'types' });
    app.route('/u/{id}/posts/{postId}', function view(params, request) {
      expectTypeOf(params).toEqualTypeOf<{ id: string; postId: string }>();
      expectTypeOf(request).toEqualTypeOf<Request>();
      // @ts-expect-error: no such parameter in the path
      void params.other;
      return {};
    });
    app.route('/x/{a}', { methods: ['POST'], name: 'x' }, (params) => {
      expectTypeOf(params.a).toBeString();
      return params;
    });
  });

  it('rejects unknown options and methods at compile time', () => {
    const app = new Chalice({ appName: 'types' });
    // @ts-expect-error: 'FETCH' is not an HTTP method API Gateway knows
    app.route('/', { methods: ['FETCH'], name: 'bad' }, () => ({}));
    // @ts-expect-error: contentType is misspelled (contentTypes)
    app.route('/', { contentType: ['text/plain'], name: 'bad2' }, () => ({}));
  });
});
