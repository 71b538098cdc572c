import { findPoolConflicts, PoolForConflicts } from './poolConflicts';

const pool = (
  name: string,
  creationTimestamp: string,
  ...blocks: string[]
): PoolForConflicts => ({
  name,
  creationTimestamp,
  spec: {
    blocks: blocks.map(block =>
      block.includes('/')
        ? { cidr: block }
        : { start: block.split('-')[0], stop: block.split('-')[1] },
    ),
  },
});

describe('findPoolConflicts', () => {
  it.each<[string, PoolForConflicts[], Record<string, string>]>([
    [
      'disjoint pools',
      [
        pool('a', '2026-01-01T00:00:00Z', '10.0.0.0/25'),
        pool('b', '2026-01-02T00:00:00Z', '10.0.0.128/25'),
      ],
      {},
    ],
    [
      'the newer pool of an overlapping pair conflicts',
      [
        pool('new', '2026-01-02T00:00:00Z', '10.0.0.128/25'),
        pool('old', '2026-01-01T00:00:00Z', '10.0.0.0/24'),
      ],
      {
        new: "Pool conflicts since range '10.0.0.128/25' overlaps range '10.0.0.0/24' from IP Pool 'old'",
      },
    ],
    [
      'a start/stop range overlapping a CIDR',
      [
        pool('a', '2026-01-01T00:00:00Z', '10.0.0.0/28'),
        pool('b', '2026-01-02T00:00:00Z', '10.0.0.15-10.0.0.20'),
      ],
      {
        b: "Pool conflicts since range '10.0.0.15-10.0.0.20' overlaps range '10.0.0.0/28' from IP Pool 'a'",
      },
    ],
    [
      'a single /32 inside another pool',
      [
        pool('a', '2026-01-01T00:00:00Z', '10.0.0.0/24'),
        pool('b', '2026-01-02T00:00:00Z', '10.0.0.7/32'),
      ],
      {
        b: "Pool conflicts since range '10.0.0.7/32' overlaps range '10.0.0.0/24' from IP Pool 'a'",
      },
    ],
    [
      'IPv6 overlap',
      [
        pool('a', '2026-01-01T00:00:00Z', '2001:db8::/64'),
        pool('b', '2026-01-02T00:00:00Z', '2001:db8::ff/128'),
      ],
      {
        b: "Pool conflicts since range '2001:db8::ff/128' overlaps range '2001:db8::/64' from IP Pool 'a'",
      },
    ],
    [
      'IPv4 and IPv6 never conflict',
      [
        pool('a', '2026-01-01T00:00:00Z', '0.0.0.0/30'),
        pool('b', '2026-01-02T00:00:00Z', '::/126'),
      ],
      {},
    ],
    [
      'a conflicting pool does not make a third pool conflict',
      [
        pool('a', '2026-01-01T00:00:00Z', '10.0.0.0/25'),
        pool('b', '2026-01-02T00:00:00Z', '10.0.0.0/24'),
        pool('c', '2026-01-03T00:00:00Z', '10.0.0.128/25'),
      ],
      {
        b: "Pool conflicts since range '10.0.0.0/24' overlaps range '10.0.0.0/25' from IP Pool 'a'",
      },
    ],
    [
      'same creation time: name decides',
      [
        pool('zeta', '2026-01-01T00:00:00Z', '10.0.0.0/24'),
        pool('alpha', '2026-01-01T00:00:00Z', '10.0.0.0/24'),
      ],
      {
        zeta: "Pool conflicts since range '10.0.0.0/24' overlaps range '10.0.0.0/24' from IP Pool 'alpha'",
      },
    ],
    [
      'the first overlapping range of the newer pool is named',
      [
        pool('a', '2026-01-01T00:00:00Z', '10.0.0.0/24'),
        pool('b', '2026-01-02T00:00:00Z', '10.9.0.0/24', '10.0.0.10-10.0.0.12'),
      ],
      {
        b: "Pool conflicts since range '10.0.0.10-10.0.0.12' overlaps range '10.0.0.0/24' from IP Pool 'a'",
      },
    ],
  ])('%s', (_name, pools, expected) => {
    expect(Object.fromEntries(findPoolConflicts(pools))).toEqual(expected);
  });
});
