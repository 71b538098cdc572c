import { FieldReads } from '../fieldReads';
import { gatewaysFixture } from '../__testUtils__/fieldFixtures';
import {
  gatewayValueProblem,
  validateGatewayPicker,
} from './gatewayValidation';

const reads = (): FieldReads => ({
  clusters: jest.fn(),
  bootstrapPlan: jest.fn(),
  overview: jest.fn(),
  routes: jest.fn(),
  pools: jest.fn(),
  gateways: jest.fn(async () => gatewaysFixture()),
});

async function errorsOf(
  value: string,
  formData: Record<string, unknown>,
  options?: any,
  fieldReads: FieldReads | undefined = reads(),
) {
  const errors: string[] = [];
  await validateGatewayPicker(
    value,
    { addError: m => errors.push(m) },
    {
      reads: fieldReads,
      formData,
      options,
    },
  );
  return errors;
}

describe('gatewayValueProblem', () => {
  it.each([
    ['network/envoy-internal', 'gateway', undefined],
    [
      'envoy-internal',
      'gateway',
      "'envoy-internal' is not a gateway as namespace/name",
    ],
    [
      '../etc/passwd',
      'gateway',
      "'../etc/passwd' is not a gateway as namespace/name",
    ],
    [
      'Network/Envoy',
      'gateway',
      "'Network/Envoy' is not a gateway as namespace/name",
    ],
    ['https', 'listener', undefined],
    [
      'https; rm -rf',
      'listener',
      "'https; rm -rf' is not a listener name (lowercase letters, digits and '-')",
    ],
  ] as const)('%s as %s', (value, pick, expected) => {
    expect(gatewayValueProblem(value, pick)).toBe(expected);
  });
});

describe('validateGatewayPicker', () => {
  it('accepts a gateway of the cluster', async () => {
    expect(
      await errorsOf('network/envoy-internal', { cluster: 'demo' }),
    ).toEqual([]);
  });

  it('refuses a gateway the cluster does not have', async () => {
    expect(await errorsOf('network/nope', { cluster: 'demo' })).toEqual([
      'gateway network/nope does not exist in cluster demo',
    ]);
  });

  it('refuses a listener that does not admit the namespace', async () => {
    expect(
      await errorsOf(
        'http',
        { cluster: 'demo', gateway: 'network/envoy-lab', namespace: 'apps' },
        { pick: 'listener' },
      ),
    ).toEqual([
      "listener 'http' admits routes from namespace network only, not apps",
    ]);
  });

  it('reads the gateway from the field ui:options name', async () => {
    expect(
      await errorsOf(
        'https',
        {
          cluster: 'demo',
          publicGateway: 'network/envoy-internal',
          namespace: 'apps',
        },
        { pick: 'listener', gatewayField: 'publicGateway' },
      ),
    ).toEqual([]);
  });

  it('checks only the form when the cluster cannot be read', async () => {
    const failing = reads();
    (failing.gateways as jest.Mock).mockRejectedValue(new Error('503'));
    expect(
      await errorsOf('network/nope', { cluster: 'demo' }, undefined, failing),
    ).toEqual([]);
    expect(
      await errorsOf('nope', { cluster: 'demo' }, undefined, failing),
    ).toEqual(["'nope' is not a gateway as namespace/name"]);
  });
});
