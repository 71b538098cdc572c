import type { NetworkApi } from '../api';
import {
  demoCluster,
  overviewFixture,
  routePageFixture,
} from './overviewFixture';

/**
 * A NetworkApi of jest mocks: one cluster, its overview and a page of its two routes; every
 * other call rejects until a test overrides it, so a screen cannot pass on data it never asked for.
 */
export function mockNetworkApi(
  overrides: Partial<NetworkApi> = {},
): jest.Mocked<NetworkApi> {
  const notMocked = (name: string) =>
    jest.fn(() => Promise.reject(new Error(`${name} not mocked`)));
  return {
    getClusters: jest.fn().mockResolvedValue([demoCluster]),
    getOverview: jest.fn().mockResolvedValue(overviewFixture()),
    getRoutes: jest.fn(async (_cluster, query) =>
      routePageFixture(undefined, query),
    ),
    getRequestPath: notMocked('getRequestPath'),
    getDiagnosticChecks: notMocked('getDiagnosticChecks'),
    startDiagnosticRun: notMocked('startDiagnosticRun'),
    listDiagnosticRuns: notMocked('listDiagnosticRuns'),
    getDiagnosticRun: notMocked('getDiagnosticRun'),
    watchDiagnosticRun: jest.fn(() => () => {}),
    getBootstrapPlan: notMocked('getBootstrapPlan'),
    startBootstrapRun: notMocked('startBootstrapRun'),
    listBootstrapRuns: notMocked('listBootstrapRuns'),
    getBootstrapRun: notMocked('getBootstrapRun'),
    watchBootstrapRun: jest.fn(() => () => {}),
    ...overrides,
  } as jest.Mocked<NetworkApi>;
}
