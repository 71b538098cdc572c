import {
  LabelSelector,
  labelSelectorRequirements,
  matchesLabelSelector,
} from './labelSelector';

const labels = {
  app: 'web',
  tier: 'frontend',
  'app.kubernetes.io/name': 'podinfo',
};

describe('matchesLabelSelector', () => {
  it.each<
    [
      string,
      LabelSelector | null | undefined,
      Record<string, string> | undefined,
      boolean,
    ]
  >([
    ['empty selector matches everything', {}, labels, true],
    ['empty selector matches an object without labels', {}, undefined, true],
    [
      'empty matchLabels and matchExpressions match everything',
      { matchLabels: {}, matchExpressions: [] },
      {},
      true,
    ],
    ['absent selector matches nothing by default', undefined, labels, false],
    ['null selector matches nothing by default', null, labels, false],
    ['matchLabels equal', { matchLabels: { app: 'web' } }, labels, true],
    ['matchLabels differ', { matchLabels: { app: 'api' } }, labels, false],
    [
      'matchLabels all must hold',
      { matchLabels: { app: 'web', tier: 'backend' } },
      labels,
      false,
    ],
    [
      'matchLabels with a prefixed key',
      { matchLabels: { 'app.kubernetes.io/name': 'podinfo' } },
      labels,
      true,
    ],
    [
      'matchLabels on unlabelled object',
      { matchLabels: { app: 'web' } },
      undefined,
      false,
    ],
    [
      'In hit',
      {
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['frontend', 'edge'] },
        ],
      },
      labels,
      true,
    ],
    [
      'In miss',
      {
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['backend'] },
        ],
      },
      labels,
      false,
    ],
    [
      'In on a missing key',
      { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] },
      labels,
      false,
    ],
    [
      'NotIn hit',
      {
        matchExpressions: [
          { key: 'tier', operator: 'NotIn', values: ['backend'] },
        ],
      },
      labels,
      true,
    ],
    [
      'NotIn miss',
      {
        matchExpressions: [
          { key: 'tier', operator: 'NotIn', values: ['frontend'] },
        ],
      },
      labels,
      false,
    ],
    [
      'NotIn on a missing key matches',
      { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] },
      labels,
      true,
    ],
    [
      'Exists',
      { matchExpressions: [{ key: 'app', operator: 'Exists' }] },
      labels,
      true,
    ],
    [
      'Exists on empty value',
      { matchExpressions: [{ key: 'empty', operator: 'Exists' }] },
      { empty: '' },
      true,
    ],
    [
      'Exists missing',
      { matchExpressions: [{ key: 'zone', operator: 'Exists' }] },
      labels,
      false,
    ],
    [
      'DoesNotExist',
      { matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] },
      labels,
      true,
    ],
    [
      'DoesNotExist present',
      { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] },
      labels,
      false,
    ],
    [
      'matchLabels and matchExpressions are ANDed',
      {
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['backend'] },
        ],
      },
      labels,
      false,
    ],
    [
      'unknown operator matches nothing',
      { matchExpressions: [{ key: 'app', operator: 'Gt', values: ['1'] }] },
      labels,
      false,
    ],
    [
      'In without values matches nothing',
      { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] },
      labels,
      false,
    ],
    [
      'Exists with values matches nothing',
      { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['x'] }] },
      labels,
      false,
    ],
    ['key is case-sensitive', { matchLabels: { App: 'web' } }, labels, false],
  ])('%s', (_name, selector, objectLabels, expected) => {
    expect(matchesLabelSelector(selector, objectLabels)).toBe(expected);
  });

  it.each([
    [undefined, 'matches-everything' as const, true],
    [null, 'matches-everything' as const, true],
    [undefined, 'matches-nothing' as const, false],
  ])('absent selector %p with %s', (selector, absent, expected) => {
    expect(matchesLabelSelector(selector, labels, absent)).toBe(expected);
  });
});

describe('labelSelectorRequirements', () => {
  it('normalises matchLabels into In requirements before expressions', () => {
    expect(
      labelSelectorRequirements({
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'tier', operator: 'NotIn', values: ['a', 'b'] },
        ],
      }),
    ).toEqual({
      requirements: [
        { key: 'app', operator: 'In', values: ['web'] },
        { key: 'tier', operator: 'NotIn', values: ['a', 'b'] },
      ],
    });
  });

  it.each([
    [
      { matchExpressions: [{ key: 'a', operator: 'Foo' }] },
      "unknown operator 'Foo' on key 'a'",
    ],
    [
      { matchExpressions: [{ key: 'a', operator: 'NotIn' }] },
      "operator NotIn on key 'a' needs at least one value",
    ],
    [
      {
        matchExpressions: [
          { key: 'a', operator: 'DoesNotExist', values: ['x'] },
        ],
      },
      "operator DoesNotExist on key 'a' takes no values",
    ],
  ])('reports %j as invalid', (selector, error) => {
    expect(labelSelectorRequirements(selector)).toEqual({ error });
  });
});
