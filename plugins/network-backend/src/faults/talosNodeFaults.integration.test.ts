import fs from 'node:fs';
import { parse } from 'yaml';
import { TalosAccess } from '../services/ClusterRegistry/ClusterRegistry';
import { TalosClient } from '../services/TalosClient/TalosClient';
import { talosServicesCheck, talosVersionCheck } from '../services/Diagnostics/checks/talos';
import { DemoClusterChecks, startDemoClusterChecks } from '../services/Diagnostics/testing/demoClusterChecks';
import { freeLoopbackPorts } from '../testing/freeLoopbackPorts';
import { OtherCaTlsServer, startOtherCaTlsServer } from '../testing/otherCaTlsServer';

jest.setTimeout(90_000);

const DEMO_NODES = ['talos-cp-1 (127.0.1.50)', 'talos-cp-2 (127.0.1.51)', 'talos-cp-3 (127.0.1.52)', 'talos-worker-1 (127.0.1.53)'];
// A loopback address where nothing listens: the node apid would have to dial is unreachable.
const MISSING_NODE = '127.0.9.9';

/**
 * Talos faults on the real wire (gRPC mutual TLS to the demo apid): a machine apid cannot
 * reach, an endpoint whose port is closed, and an endpoint presenting another cluster's CA.
 * Each node gets its own finding naming it and the kind of error; the others are still checked.
 */
describe('fault: Talos apid unreachable or presenting another CA', () => {
  let checks: DemoClusterChecks;
  let otherCa: OtherCaTlsServer;
  const clients: TalosClient[] = [];
  let demoAccess: { ca: string; crt: string; key: string; endpoint: string };

  beforeAll(async () => {
    checks = await startDemoClusterChecks();
    otherCa = await startOtherCaTlsServer();
    const talosconfig = parse(fs.readFileSync(`${checks.demo.stateDir}/talosconfig`, 'utf8'));
    const context = talosconfig.contexts[talosconfig.context];
    demoAccess = { ca: context.ca, crt: context.crt, key: context.key, endpoint: checks.demo.endpoints.talosApid };
  });

  afterAll(async () => {
    for (const created of clients) created.close();
    await otherCa?.close();
    await checks?.stop();
  });

  function client(access: TalosAccess): TalosClient {
    const created = new TalosClient({ clusterName: 'demo', access, callTimeoutMs: 3000 });
    clients.push(created);
    return created;
  }

  it('an unreachable node and a closed endpoint: that node fails as unreachable, the others pass', async () => {
    const [closedPort] = await freeLoopbackPorts(1);
    const talos = client({
      endpoints: [`127.0.0.1:${closedPort}`, demoAccess.endpoint],
      nodes: [MISSING_NODE],
      ca: demoAccess.ca,
      crt: demoAccess.crt,
      key: demoAccess.key,
    });
    const started = Date.now();
    const version = await checks.run(talosVersionCheck, { talos });
    const services = await checks.run(talosServicesCheck, { talos });
    const tookMs = Date.now() - started;

    for (const report of [version, services]) {
      expect(report.findings.map(finding => `${finding.outcome} ${finding.subject}`)).toEqual([
        ...DEMO_NODES.map(node => `pass node ${node}`),
        `fail node ${MISSING_NODE}`,
      ]);
      const failed = report.findings[4];
      expect(failed.evidence?.fields).toMatchObject({ kind: 'unreachable', field: expect.stringContaining('nodes') });
      expect(failed.message).toContain(`cannot reach node ${MISSING_NODE}`);
    }
    // eslint-disable-next-line no-console
    console.log(
      `talos faults: closed endpoint skipped, ${MISSING_NODE} unreachable, ${DEMO_NODES.length} nodes checked by version and services in ${tookMs} ms; ` +
        `message: "${version.findings[4].message}"`,
    );
  });

  it('an endpoint presenting another CA: every node reports wrong-ca naming it, none is skipped, nothing hangs', async () => {
    const talos = client({ endpoints: [otherCa.endpoint], ca: demoAccess.ca, crt: demoAccess.crt, key: demoAccess.key });
    const started = Date.now();
    const report = await checks.run(talosVersionCheck, { talos });
    const tookMs = Date.now() - started;

    expect(otherCa.connections()).toBeGreaterThan(0);
    expect(report.findings.map(finding => `${finding.outcome} ${finding.subject}`)).toEqual(DEMO_NODES.map(node => `error node ${node}`));
    for (const finding of report.findings) {
      expect(finding.evidence?.fields).toMatchObject({ kind: 'wrong-ca', endpoint: otherCa.endpoint });
      expect(finding.message).toContain(`endpoint ${otherCa.endpoint} presented a certificate that is not signed by the CA`);
    }
    expect(tookMs).toBeLessThan(10_000);
    // eslint-disable-next-line no-console
    console.log(`talos faults: another CA at ${otherCa.endpoint}: ${report.findings.length} nodes report wrong-ca in ${tookMs} ms; "${report.findings[0].message}"`);
  });

  it('another CA on the first endpoint does not fall through to the next one (an impostor is not skipped silently)', async () => {
    const talos = client({ endpoints: [otherCa.endpoint, demoAccess.endpoint], ca: demoAccess.ca, crt: demoAccess.crt, key: demoAccess.key });
    const report = await checks.run(talosVersionCheck, { talos });
    expect(report.findings.map(finding => finding.evidence?.fields?.kind)).toEqual(DEMO_NODES.map(() => 'wrong-ca'));
  });
});
