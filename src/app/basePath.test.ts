import { describe, expect, it } from 'vitest';
import { apiUrl, routerBasename } from './basePath';

describe('base path', () => {
  it('gives the router the base path without its trailing slash', () => {
    expect(routerBasename('http://h:16686/')).toBe('/');
    expect(routerBasename('http://h/jaeger/')).toBe('/jaeger');
    expect(routerBasename('http://h/a/b/')).toBe('/a/b');
  });

  it('resolves API paths under the base', () => {
    expect(apiUrl('api/services', undefined, 'http://h/jaeger/').toString()).toBe(
      'http://h/jaeger/api/services',
    );
    expect(apiUrl('api/traces', new URLSearchParams({ service: 'a b' }), 'http://h/').toString()).toBe(
      'http://h/api/traces?service=a+b',
    );
  });
});
