import { FieldReads } from '../fieldReads';
import { validateClusterPicker } from '../ClusterPicker/clusterValidation';
import { validateBootstrapPlanConfirm } from './bootstrapPlanValidation';

const HASH = 'c'.repeat(64);
const reads = (hash: string): FieldReads => ({
  clusters: jest.fn(async () => [
    { name: 'demo', health: 'healthy' as const, kinds: [] },
  ]),
  gateways: jest.fn(),
  pools: jest.fn(),
  overview: jest.fn(),
  routes: jest.fn(),
  bootstrapPlan: jest.fn(async () => ({
    cluster: 'demo',
    hash,
    createdAt: '',
    steps: [],
    totals: { create: 0, update: 0, unchanged: 0 },
  })),
});

async function errorsOf(value: string | undefined, fieldReads: FieldReads) {
  const errors: string[] = [];
  await validateBootstrapPlanConfirm(
    value,
    { addError: m => errors.push(m) },
    { reads: fieldReads, formData: { cluster: 'demo' } },
  );
  return errors;
}

describe('validateBootstrapPlanConfirm', () => {
  it('accepts the hash of the current plan', async () => {
    const r = reads(HASH);
    expect(await errorsOf(HASH, r)).toEqual([]);
    expect(r.bootstrapPlan).toHaveBeenCalledWith('demo');
  });
  it('refuses an unconfirmed plan', async () => {
    expect(await errorsOf(undefined, reads(HASH))).toEqual([
      'confirm the plan before running it',
    ]);
  });
  it('refuses a plan that changed since it was confirmed', async () => {
    expect(await errorsOf(HASH, reads('d'.repeat(64)))).toEqual([
      'the plan changed since you confirmed it; review it and confirm again',
    ]);
  });
});

describe('validateClusterPicker', () => {
  it('refuses a cluster the backend does not know, listing the known ones', async () => {
    const errors: string[] = [];
    await validateClusterPicker(
      'prod',
      { addError: m => errors.push(m) },
      { reads: reads(HASH) },
    );
    expect(errors).toEqual(['cluster prod is not configured (known: demo)']);
  });
});
