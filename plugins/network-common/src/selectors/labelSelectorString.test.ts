import { matchesLabelRequirements } from './labelSelector';
import {
  formatLabelSelector,
  formatLabelRequirements,
  parseLabelSelectorString,
} from './labelSelectorString';

describe('parseLabelSelectorString', () => {
  it.each([
    ['', []],
    ['   ', []],
    ['a=b', [{ key: 'a', operator: 'In', values: ['b'] }]],
    ['a==b', [{ key: 'a', operator: 'In', values: ['b'] }]],
    ['a = b', [{ key: 'a', operator: 'In', values: ['b'] }]],
    ['a=', [{ key: 'a', operator: 'In', values: [''] }]],
    ['a!=b', [{ key: 'a', operator: 'NotIn', values: ['b'] }]],
    ['e in (x,y)', [{ key: 'e', operator: 'In', values: ['x', 'y'] }]],
    ['e in ( x , y )', [{ key: 'e', operator: 'In', values: ['x', 'y'] }]],
    ['e notin (x)', [{ key: 'e', operator: 'NotIn', values: ['x'] }]],
    ['e in ()', [{ key: 'e', operator: 'In', values: [''] }]],
    ['f', [{ key: 'f', operator: 'Exists', values: [] }]],
    ['!f', [{ key: 'f', operator: 'DoesNotExist', values: [] }]],
    [
      'app.kubernetes.io/name=podinfo',
      [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['podinfo'] }],
    ],
    [
      'a=b,c!=d,e in (x,y),!f',
      [
        { key: 'a', operator: 'In', values: ['b'] },
        { key: 'c', operator: 'NotIn', values: ['d'] },
        { key: 'e', operator: 'In', values: ['x', 'y'] },
        { key: 'f', operator: 'DoesNotExist', values: [] },
      ],
    ],
  ])('parses %p', (text, requirements) => {
    expect(parseLabelSelectorString(text)).toEqual({ requirements });
  });

  it.each([
    ['a=b,', "empty requirement in 'a=b,'"],
    [',a', "empty requirement in ',a'"],
    ['a in x', "cannot parse 'a in x'"],
    ['a in (x', "cannot parse 'a in (x'"],
    ['a=b=c', "cannot parse 'a=b=c'"],
    ['-a=b', "cannot parse '-a=b'"],
    ['a in (x y)', "cannot parse 'a in (x y)'"],
    ['a>1', "cannot parse 'a>1'"],
  ])('refuses %p', (text, error) => {
    expect(parseLabelSelectorString(text)).toEqual({ error });
  });

  it.each([
    ['a=b,!f', { a: 'b' }, true],
    ['a=b,!f', { a: 'b', f: '' }, false],
    ['e notin (x,y)', {}, true],
    ['e in (x,y)', { e: 'y' }, true],
    ['', {}, true],
  ])('%p against %j is %p', (text, labels, expected) => {
    const parsed = parseLabelSelectorString(text);
    if (!('requirements' in parsed)) throw new Error(parsed.error);
    expect(matchesLabelRequirements(parsed.requirements, labels)).toBe(
      expected,
    );
  });
});

describe('formatting', () => {
  it.each([
    'a=b',
    'a!=b',
    'e in (x,y)',
    'e notin (x,y)',
    'f',
    '!f',
    'a=b,c!=d,e in (x,y),!f',
  ])('round-trips %p', text => {
    const parsed = parseLabelSelectorString(text);
    if (!('requirements' in parsed)) throw new Error(parsed.error);
    expect(formatLabelRequirements(parsed.requirements)).toBe(text);
  });

  it.each([
    [undefined, ''],
    [{}, ''],
    [
      {
        matchLabels: { app: 'web' },
        matchExpressions: [{ key: 'tier', operator: 'Exists' }],
      },
      'app=web,tier',
    ],
    [
      { matchExpressions: [{ key: 'tier', operator: 'Bogus' }] },
      "<invalid: unknown operator 'Bogus' on key 'tier'>",
    ],
  ])('formats selector %j as %p', (selector, text) => {
    expect(formatLabelSelector(selector)).toBe(text);
  });
});
