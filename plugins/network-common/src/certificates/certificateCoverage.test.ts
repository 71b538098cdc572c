import {
  certificateCoversHostname,
  certificateDaysLeft,
  certificateNameFor,
  dnsNameCoversHostname,
} from './certificateCoverage';

describe('dnsNameCoversHostname', () => {
  it.each([
    ['app.example.com', 'app.example.com', true],
    ['App.Example.com', 'app.example.COM', true],
    ['app.example.com.', 'app.example.com', true],
    ['app.example.com', 'api.example.com', false],
    ['*.example.com', 'app.example.com', true],
    ['*.example.com', 'a.b.example.com', false],
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'appexample.com', false],
    ['*.example.com', '*.example.com', true],
    ['*.example.com', '*.b.example.com', false],
    ['app.example.com', '*.example.com', false],
    ['*.b.example.com', 'a.b.example.com', true],
    ['', 'example.com', false],
  ])('%s covers %s: %s', (dnsName, hostname, expected) => {
    expect(dnsNameCoversHostname(dnsName, hostname)).toBe(expected);
  });
});

describe('certificateNameFor', () => {
  it.each<[string[] | undefined, string, string | undefined]>([
    [undefined, 'a.example.com', undefined],
    [[], 'a.example.com', undefined],
    [['example.com', '*.example.com'], 'a.example.com', '*.example.com'],
    [['a.example.com', '*.example.com'], 'a.example.com', 'a.example.com'],
    [['example.com', '*.example.com'], 'example.com', 'example.com'],
    [['*.example.com'], 'x.y.example.com', undefined],
  ])('%j for %s', (dnsNames, hostname, expected) => {
    expect(certificateNameFor(dnsNames, hostname)).toBe(expected);
    expect(certificateCoversHostname(dnsNames, hostname)).toBe(
      expected !== undefined,
    );
  });
});

describe('certificateDaysLeft', () => {
  const now = new Date('2026-11-22T12:00:00Z');
  it.each<[string | undefined, number | undefined]>([
    [undefined, undefined],
    ['not a date', undefined],
    ['2026-12-22T12:00:00Z', 30],
    ['2026-11-23T11:59:59Z', 0],
    ['2026-11-23T12:00:00Z', 1],
    ['2026-11-22T12:00:00Z', 0],
    ['2026-11-22T11:00:00Z', -1],
    ['2026-11-12T12:00:00Z', -10],
  ])('%s -> %p', (notAfter, expected) => {
    expect(certificateDaysLeft(notAfter, now)).toBe(expected);
  });
});
