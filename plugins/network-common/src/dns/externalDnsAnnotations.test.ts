import {
  externalDnsHostnames,
  isCloudflareProxied,
  readExternalDnsAnnotation,
} from './externalDnsAnnotations';

const GA = 'external-dns.kubernetes.io/';
const ALPHA = 'external-dns.alpha.kubernetes.io/';

describe('readExternalDnsAnnotation', () => {
  it.each<[string, Record<string, string> | undefined, string, unknown]>([
    ['no annotations', undefined, 'hostname', undefined],
    ['unrelated annotations', { 'foo/hostname': 'a' }, 'hostname', undefined],
    [
      'GA prefix',
      { [`${GA}hostname`]: 'a.example.com' },
      'hostname',
      { value: 'a.example.com', prefix: GA, annotation: `${GA}hostname` },
    ],
    [
      'alpha prefix',
      { [`${ALPHA}target`]: '10.0.0.1' },
      'target',
      { value: '10.0.0.1', prefix: ALPHA, annotation: `${ALPHA}target` },
    ],
    [
      'both with the same value',
      { [`${ALPHA}ttl`]: '60', [`${GA}ttl`]: '60' },
      'ttl',
      { value: '60', prefix: GA, annotation: `${GA}ttl` },
    ],
    [
      'both with different values: GA wins, the other is reported',
      {
        [`${ALPHA}hostname`]: 'old.example.com',
        [`${GA}hostname`]: 'new.example.com',
      },
      'hostname',
      {
        value: 'new.example.com',
        prefix: GA,
        annotation: `${GA}hostname`,
        conflictingValue: { prefix: ALPHA, value: 'old.example.com' },
      },
    ],
    [
      'empty value is still set',
      { [`${GA}target`]: '' },
      'target',
      { value: '', prefix: GA, annotation: `${GA}target` },
    ],
    [
      'another key is not read',
      { [`${GA}hostname`]: 'a' },
      'target',
      undefined,
    ],
  ])('%s', (_name, annotations, key, expected) => {
    expect(readExternalDnsAnnotation(annotations, key)).toEqual(expected);
  });
});

describe('externalDnsHostnames', () => {
  it.each<
    [
      Record<string, string> | undefined,
      'hostname' | 'internal-hostname' | undefined,
      string[],
    ]
  >([
    [undefined, undefined, []],
    [{ [`${GA}hostname`]: 'a.example.com' }, undefined, ['a.example.com']],
    [
      {
        [`${ALPHA}hostname`]: ' A.Example.com. , b.example.com,,a.example.com ',
      },
      undefined,
      ['a.example.com', 'b.example.com'],
    ],
    [{ [`${GA}hostname`]: '' }, undefined, []],
    [
      { [`${ALPHA}internal-hostname`]: 'svc.home.lan' },
      'internal-hostname',
      ['svc.home.lan'],
    ],
    [{ [`${ALPHA}internal-hostname`]: 'svc.home.lan' }, 'hostname', []],
  ])('%j (%s)', (annotations, key, expected) => {
    expect(externalDnsHostnames(annotations, key)).toEqual(expected);
  });
});

describe('isCloudflareProxied', () => {
  it.each<[Record<string, string> | undefined, boolean | undefined]>([
    [undefined, undefined],
    [{ [`${GA}cloudflare-proxied`]: 'true' }, true],
    [{ [`${ALPHA}cloudflare-proxied`]: 'False' }, false],
    [{ [`${ALPHA}cloudflare-proxied`]: 'yes' }, undefined],
  ])('%j', (annotations, expected) => {
    expect(isCloudflareProxied(annotations)).toBe(expected);
  });
});
