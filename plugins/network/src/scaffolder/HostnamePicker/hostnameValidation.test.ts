import { FieldReads } from '../fieldReads';
import {
  fieldOverviewFixture,
  fieldRoutePageFixture,
} from '../__testUtils__/fieldFixtures';
import { validateHostnamePicker } from './hostnameValidation';

function reads(
  overview: jest.Mock = jest.fn(async () => fieldOverviewFixture()),
): FieldReads {
  return {
    clusters: jest.fn(),
    bootstrapPlan: jest.fn(),
    gateways: jest.fn(),
    pools: jest.fn(),
    overview,
    routes: jest.fn(async (_cluster, query) =>
      fieldRoutePageFixture(query.hostname ?? null),
    ),
  };
}

async function errorsOf(
  value: string,
  formData: Record<string, unknown>,
  fieldReads?: FieldReads,
) {
  const errors: string[] = [];
  await validateHostnamePicker(
    value,
    { addError: m => errors.push(m) },
    { reads: fieldReads, formData },
  );
  return errors;
}

describe('validateHostnamePicker', () => {
  it('accepts a free name', async () => {
    const r = reads();
    expect(await errorsOf('hello.demo.lab', { cluster: 'demo' }, r)).toEqual(
      [],
    );
    expect(r.overview).toHaveBeenCalledWith('demo');
    expect(r.routes).toHaveBeenCalledWith('demo', {
      hostname: 'hello.demo.lab',
      limit: 500,
    });
  });

  it('refuses a taken name, naming who holds it', async () => {
    expect(
      await errorsOf(
        'jellyfin.demo.lab',
        { cluster: 'demo', namespace: 'apps', name: 'hello' },
        reads(),
      ),
    ).toEqual([
      'jellyfin.demo.lab is already claimed by HTTPRoute media/jellyfin',
    ]);
  });

  it('lets the service keep its own hostname on a re-run', async () => {
    expect(
      await errorsOf(
        'jellyfin.demo.lab',
        { cluster: 'demo', namespace: 'media', name: 'jellyfin' },
        reads(),
      ),
    ).toEqual([]);
  });

  it('refuses a malformed name without asking the cluster', async () => {
    const r = reads();
    expect(await errorsOf('Hello.demo.lab', { cluster: 'demo' }, r)).toEqual([
      "hostname 'Hello.demo.lab' contains uppercase letters; hostnames must be lowercase",
    ]);
    expect(r.overview).not.toHaveBeenCalled();
    expect(r.routes).not.toHaveBeenCalled();
  });

  it('does not block the form when the backend cannot be read', async () => {
    expect(
      await errorsOf(
        'jellyfin.demo.lab',
        { cluster: 'demo' },
        reads(jest.fn().mockRejectedValue(new Error('503'))),
      ),
    ).toEqual([]);
  });
});
