import {
  hostnameMatchesPattern,
  intersectHostnames,
  isWildcardHostname,
  listenerRouteHostnames,
} from './hostnameMatching';

describe('hostnameMatchesPattern', () => {
  it.each([
    ['foo.example.com', 'foo.example.com', true],
    ['foo.example.com', 'FOO.Example.com', true],
    ['foo.example.com', 'bar.example.com', false],
    ['*.example.com', 'foo.example.com', true],
    ['*.example.com', 'foo.bar.example.com', true],
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'fooexample.com', false],
    ['*.example.com', '.example.com', false],
    ['*.example.com', 'foo.example.net', false],
    ['*.Example.COM', 'foo.example.com', true],
    ['foo.example.com', 'foo.example.com.', true],
  ])('%s matches %s: %s', (pattern, host, expected) => {
    expect(hostnameMatchesPattern(pattern, host)).toBe(expected);
  });
});

describe('intersectHostnames', () => {
  it.each([
    ['test.example.com', 'test.example.com', 'test.example.com'],
    ['test.example.com', '*.example.com', 'test.example.com'],
    ['*.example.com', 'test.example.com', 'test.example.com'],
    ['*.example.com', 'foo.test.example.com', 'foo.test.example.com'],
    ['*.example.com', 'example.com', undefined],
    ['example.com', '*.example.com', undefined],
    ['*.example.com', 'test.example.net', undefined],
    ['*.example.com', '*.example.com', '*.example.com'],
    ['*.example.com', '*.foo.example.com', '*.foo.example.com'],
    ['*.foo.example.com', '*.example.com', '*.foo.example.com'],
    ['*.example.com', '*.com', '*.example.com'],
    ['*.example.com', '*.example.net', undefined],
    ['a.example.com', 'b.example.com', undefined],
  ])('listener %s, route %s -> %p', (listener, route, expected) => {
    expect(intersectHostnames(listener, route)).toBe(expected);
  });
});

describe('listenerRouteHostnames', () => {
  it.each<[string | undefined, string[] | undefined, boolean, string[]]>([
    [undefined, undefined, true, []],
    [undefined, ['a.example.com'], true, ['a.example.com']],
    ['a.example.com', undefined, true, ['a.example.com']],
    ['a.example.com', [], true, ['a.example.com']],
    [
      '*.example.com',
      ['test.example.com', 'test.example.net'],
      true,
      ['test.example.com'],
    ],
    ['*.example.com', ['example.com', 'test.example.net'], false, []],
    ['test.example.com', ['*.example.com'], true, ['test.example.com']],
    [
      '*.example.com',
      ['*.example.com', 'a.example.com'],
      true,
      ['*.example.com', 'a.example.com'],
    ],
    [
      '*.example.com',
      ['A.Example.com', 'a.example.com'],
      true,
      ['a.example.com'],
    ],
  ])('listener %p, route %p', (listener, routes, matches, hostnames) => {
    expect(listenerRouteHostnames(listener, routes)).toEqual({
      matches,
      hostnames,
    });
  });
});

describe('isWildcardHostname', () => {
  it.each([
    ['*.example.com', true],
    ['example.com', false],
    ['a.*.example.com', false],
  ])('%s', (hostname, expected) => {
    expect(isWildcardHostname(hostname)).toBe(expected);
  });
});
