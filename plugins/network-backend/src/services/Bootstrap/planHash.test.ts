import { bootstrapPlanHash, canonicalJson } from './planHash';

describe('plan hash', () => {
  it('writes canonical JSON with sorted keys and no undefined fields', () => {
    expect(canonicalJson({ b: 1, a: [{ d: undefined, c: 'x' }], e: null })).toBe('{"a":[{"c":"x"}],"b":1,"e":null}');
  });

  it('gives the same hash for the same steps in any key order, and another for another change', () => {
    const step = { id: 'apply-baseline', kind: 'apply-baseline' as const, title: 'Apply', description: 'd', intent: 'run' as const };
    const reordered = { intent: 'run' as const, description: 'd', title: 'Apply', kind: 'apply-baseline' as const, id: 'apply-baseline' };
    expect(bootstrapPlanHash('demo', [step])).toBe(bootstrapPlanHash('demo', [reordered]));
    expect(bootstrapPlanHash('demo', [step])).toMatch(/^[0-9a-f]{64}$/);
    expect(bootstrapPlanHash('demo', [{ ...step, intent: 'skip' }])).not.toBe(bootstrapPlanHash('demo', [step]));
    expect(bootstrapPlanHash('other', [step])).not.toBe(bootstrapPlanHash('demo', [step]));
  });
});
