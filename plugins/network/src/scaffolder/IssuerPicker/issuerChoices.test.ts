import { FieldReads } from '../fieldReads';
import {
  fieldOverviewFixture,
  issuersFixture,
} from '../__testUtils__/fieldFixtures';
import { issuerChoices, issuerProblem } from './issuerChoices';
import { validateIssuerPicker } from './issuerValidation';

describe('issuerChoices', () => {
  it('offers ClusterIssuers by default, Ready first, with type and reason', () => {
    expect(
      issuerChoices(issuersFixture(), { kinds: ['ClusterIssuer'] }),
    ).toEqual([
      {
        value: 'letsencrypt-production',
        label: 'letsencrypt-production',
        state: 'Ready',
        healthy: true,
        detail: 'ClusterIssuer · acme',
      },
      {
        value: 'letsencrypt-staging',
        label: 'letsencrypt-staging',
        state: 'Not ready: ErrRegisterACMEAccount',
        healthy: false,
        detail: 'ClusterIssuer · acme · no route to host',
      },
    ]);
  });

  it('adds the namespace’s own Issuers when asked, not other namespaces’', () => {
    const values = (namespace: string) =>
      issuerChoices(issuersFixture(), {
        kinds: ['ClusterIssuer', 'Issuer'],
        namespace,
      }).map(c => c.value);
    expect(values('media')).toContain('media-ca');
    expect(values('apps')).not.toContain('media-ca');
  });
});

describe('issuerProblem and validateIssuerPicker', () => {
  const choices = issuerChoices(issuersFixture(), { kinds: ['ClusterIssuer'] });
  it.each([
    ['letsencrypt-production', undefined],
    [
      'letsencrypt-staging',
      'issuer letsencrypt-staging is not Ready (Not ready: ErrRegisterACMEAccount)',
    ],
    ['missing', 'issuer missing does not exist in cluster demo'],
  ])('%s', (name, expected) => {
    expect(issuerProblem(name, choices, 'demo')).toBe(expected);
  });

  const reads = (overview: object): FieldReads => ({
    clusters: jest.fn(),
    bootstrapPlan: jest.fn(),
    gateways: jest.fn(),
    pools: jest.fn(),
    routes: jest.fn(),
    overview: jest.fn(async () => overview as any),
  });
  const errorsOf = async (value: string, overview: object) => {
    const errors: string[] = [];
    await validateIssuerPicker(
      value,
      { addError: m => errors.push(m) },
      {
        reads: reads(overview),
        formData: { cluster: 'demo', namespace: 'apps' },
      },
    );
    return errors;
  };

  it('refuses a missing issuer when the user moves on', async () => {
    expect(await errorsOf('missing', fieldOverviewFixture())).toEqual([
      'issuer missing does not exist in cluster demo',
    ]);
  });

  it('refuses a name that cannot be an issuer without asking', async () => {
    expect(await errorsOf('${{ secrets.x }}', fieldOverviewFixture())).toEqual([
      "'${{ secrets.x }}' is not an issuer name",
    ]);
  });

  it('skips the cluster check when the backend lists no issuers', async () => {
    expect(
      await errorsOf('missing', {
        ...fieldOverviewFixture(),
        issuers: undefined,
      }),
    ).toEqual([]);
  });
});
