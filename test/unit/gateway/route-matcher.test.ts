import { describe, expect, it } from 'vitest';
import { createRouteMatcher } from '../../../src/local/gateway/index.js';

const TEMPLATES = ['/', '/users', '/users/me', '/users/{id}', '/users/{id}/posts/{post}', '/files/{name}/raw', '/{any}/b/d', '/a/b/c'];
const matcher = createRouteMatcher(TEMPLATES);

describe('route matching', () => {
  it.each([
    ['/', '/', null],
    ['/users', '/users', null],
    ['/users/', '/users', null],
    ['/users/me', '/users/me', null],
    ['/users/me/', '/users/me', null],
    ['/users/42', '/users/{id}', { id: '42' }],
    ['/users/a%20b', '/users/{id}', { id: 'a%20b' }],
    ['/users/a%2Fb', '/users/{id}', { id: 'a%2Fb' }],
    ['/users/me/posts/7', '/users/{id}/posts/{post}', { id: 'me', post: '7' }],
    ['/files/x.txt/raw', '/files/{name}/raw', { name: 'x.txt' }],
    ['/a/b/c', '/a/b/c', null],
    ['/a/b/d', '/{any}/b/d', { any: 'a' }],
  ])('%s → %s %j', (path, resource, params) => {
    expect(matcher.match(path)).toEqual({ resource, pathParameters: params });
  });

  it.each([['/nope'], ['/users/42/posts'], ['/users//posts/1'], ['/users/me//'], ['/USERS']])('%s matches nothing', (path) => {
    expect(matcher.match(path)).toBeNull();
  });

  it('prefers a literal segment regardless of registration order', () => {
    const reversed = createRouteMatcher(['/users/{id}', '/users/me']);
    expect(reversed.match('/users/me')?.resource).toBe('/users/me');
    expect(reversed.match('/users/you')?.resource).toBe('/users/{id}');
  });

  it('matches nothing when there are no routes', () => {
    expect(createRouteMatcher([]).match('/')).toBeNull();
  });
});
