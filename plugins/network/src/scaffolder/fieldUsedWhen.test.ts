import { isFieldUsed } from './fieldUsedWhen';

describe('isFieldUsed', () => {
  const form = {
    routing: 'gateway',
    exposure: 'internal',
    tls: 'gateway-wildcard',
  };
  it.each([
    ['no condition', undefined, true],
    ['one value that matches', { routing: 'gateway' }, true],
    [
      'one of several values',
      { exposure: ['internal', 'internal-and-public'] },
      true,
    ],
    ['a value that does not match', { exposure: 'internal-and-public' }, false],
    ['every field must match', { routing: 'gateway', tls: 'issuer' }, false],
    ['a field the form lacks', { cluster: 'demo' }, false],
  ])('%s', (_, usedWhen, expected) => {
    expect(isFieldUsed(usedWhen, form)).toBe(expected);
  });
});
