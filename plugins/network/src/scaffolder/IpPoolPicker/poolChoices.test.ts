import { FieldReads } from '../fieldReads';
import { poolsFixture } from '../__testUtils__/fieldFixtures';
import { poolChoices, poolProblem } from './poolChoices';
import { validateIpPoolPicker } from './poolValidation';

describe('poolChoices', () => {
  it('shows free IPs and lists pools that cannot allocate last, not pickable', () => {
    expect(
      poolChoices(poolsFixture()).map(c => [
        c.value,
        c.state,
        c.selectable,
        c.detail,
      ]),
    ).toEqual([
      ['main', '10 of 14 free', true, '10.0.0.0/28 · for every service'],
      [
        'v6',
        'more than 9,007,199,254,740,991 free',
        true,
        'fd00::/64 · for every service',
      ],
      [
        'iot',
        'Exhausted (2 of 2 used)',
        false,
        '10.0.1.10-10.0.1.11 · for services pool=iot',
      ],
      ['old', 'Disabled', false, '10.0.0.0/28 · for every service'],
      [
        'overlap',
        "Conflict: Pool overlaps range '10.0.0.0/28' from IP Pool 'main'",
        false,
        '10.0.0.0/28 · for every service',
      ],
    ]);
  });
});

describe('poolProblem and validateIpPoolPicker', () => {
  it.each([
    ['main', undefined],
    ['iot', 'IP pool iot cannot allocate: Exhausted (2 of 2 used)'],
    ['gone', 'IP pool gone does not exist in cluster demo'],
  ])('%s', (name, expected) => {
    expect(poolProblem(name, poolsFixture(), 'demo')).toBe(expected);
  });

  it('refuses an exhausted pool when the user moves on', async () => {
    const reads: FieldReads = {
      clusters: jest.fn(),
      bootstrapPlan: jest.fn(),
      gateways: jest.fn(),
      overview: jest.fn(),
      routes: jest.fn(),
      pools: jest.fn(async () => poolsFixture()),
    };
    const errors: string[] = [];
    await validateIpPoolPicker(
      'iot',
      { addError: m => errors.push(m) },
      { reads, formData: { cluster: 'demo' } },
    );
    expect(errors).toEqual([
      'IP pool iot cannot allocate: Exhausted (2 of 2 used)',
    ]);
    expect(reads.pools).toHaveBeenCalledWith('demo');
  });
});
