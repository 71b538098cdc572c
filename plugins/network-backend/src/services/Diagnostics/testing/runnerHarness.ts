import { Knex } from 'knex';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { silentLogger } from '../../../testing/silentLogger';
import { ClusterDefinition } from '../../ClusterRegistry/ClusterRegistry';
import { DnsProbe } from '../../DnsProbe/DnsProbe';
import { NetworkClusters } from '../../NetworkClusters/NetworkClusters';
import { RunEventLog } from '../../RunEvents/RunEventLog';
import { CheckRegistry } from '../CheckRegistry';
import { DiagnosticCheck } from '../DiagnosticCheck';
import { DiagnosticsRunner, DiagnosticsRunnerOptions } from '../DiagnosticsRunner';
import { DiagnosticsStore } from '../DiagnosticsStore';
import { EntityScopeResolver } from '../EntityScopeResolver';

/** The plugin's migrations, applied to a test database. */
export async function migrate(db: Knex): Promise<void> {
  await db.migrate.latest({ directory: resolvePackagePath('@internal/plugin-network-backend', 'migrations') });
}

const definition: ClusterDefinition = {
  name: 'lab',
  url: 'https://127.0.0.1:1',
  source: 'kubernetes-config',
  dns: { external: [] },
};

/** One cluster `lab` whose cache is synced and empty: for runner tests whose checks bring their own data. */
export function fakeClusters(): NetworkClusters {
  return {
    definition: (name: string) => (name === 'lab' ? definition : undefined),
    definitions: () => [definition],
    cache: (name: string) => (name === 'lab' ? { whenSynced: async () => undefined } : undefined),
  } as unknown as NetworkClusters;
}

/** A runner on a migrated database with the given checks. */
export function createTestRunner(
  db: Knex,
  checks: DiagnosticCheck[],
  overrides: Partial<DiagnosticsRunnerOptions> = {},
): { runner: DiagnosticsRunner; store: DiagnosticsStore; events: RunEventLog; registry: CheckRegistry } {
  const registry = new CheckRegistry(checks);
  const store = new DiagnosticsStore(db);
  const events = new RunEventLog(db);
  const runner = new DiagnosticsRunner({
    registry,
    store,
    events,
    clusters: fakeClusters(),
    dns: new DnsProbe(),
    entityScopes: {} as EntityScopeResolver,
    createExec: () => async () => ({ stdout: '', stderr: '', exitCode: 0 }),
    createTalos: () => undefined,
    logger: silentLogger(),
    settings: { heartbeatMs: 50, checkTimeoutMs: 500 },
    ...overrides,
  });
  return { runner, store, events, registry };
}

/** A check with a fixed id whose behaviour the test gives. */
export function testCheck(id: string, run: DiagnosticCheck['run'], extra: Partial<DiagnosticCheck> = {}): DiagnosticCheck {
  const [category] = id.split('.');
  return {
    id,
    title: `Check ${id}`,
    category: category as DiagnosticCheck['category'],
    scopes: ['cluster', 'namespace', 'entity'],
    description: `Test check ${id}`,
    remediation: `Fix ${id}`,
    run,
    ...extra,
  };
}
