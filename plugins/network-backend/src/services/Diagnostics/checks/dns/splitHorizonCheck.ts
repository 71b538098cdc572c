import { CheckEvidence, CheckFinding, CheckOutcome } from '@internal/plugin-network-common';
import { DnsServerAddress } from '../../../ClusterRegistry/ClusterRegistry';
import { DnsAnswer, formatServer } from '../../../DnsProbe/DnsProbe';
import { CheckContext, DiagnosticCheck } from '../../DiagnosticCheck';
import { countOf } from '../../scopedObjects';
import { DnsTarget, dnsTargets } from './dnsTargets';

/**
 * Queries in flight at once. On the large demo (3,000 route hostnames) 16 took 3.9 s and 64 took
 * 2.4 s but let a loaded server time out; 32 keeps a home lab's k8s_gateway answering.
 */
const CONCURRENT_QUERIES = 32;

type DnsEntry = NonNullable<CheckEvidence['dns']>[number];

function evidenceOf(answer: DnsAnswer): DnsEntry {
  return {
    server: answer.server,
    hostname: answer.hostname,
    addresses: answer.addresses,
    ...(answer.outcome === 'ok' ? {} : { error: answer.code ?? answer.outcome }),
  };
}

/** The verdict on one answer: `undefined` when it is as expected. */
function judge(target: DnsTarget, answer: DnsAnswer, role: 'internal' | 'external'): { outcome: CheckOutcome; reason: string; text: string } | undefined {
  if (answer.outcome === 'timeout' || answer.outcome === 'error') {
    return { outcome: 'error', reason: 'DnsUnreachable', text: `${answer.server} did not answer (${answer.code ?? answer.outcome})` };
  }
  if (role === 'external' && !target.public) return undefined;
  if (answer.outcome === 'nxdomain') {
    return {
      outcome: 'fail',
      reason: 'NXDOMAIN',
      text: `${role} server ${answer.server} has no record for ${target.hostname}`,
    };
  }
  if (role === 'external' && target.publicTargetDiffers) return undefined;
  if (target.expected.length > 0 && !answer.addresses.some(address => target.expected.includes(address))) {
    return {
      outcome: 'fail',
      reason: 'AddressMismatch',
      text: `${role} server ${answer.server} answers ${answer.addresses.join(', ')}; ${target.via} has ${target.expected.join(', ')}`,
    };
  }
  return undefined;
}

/** How evidence names whether a hostname is meant to be public. */
function publicText(target: DnsTarget): string {
  if (!target.public) return 'no (internal only)';
  return target.publicTargetDiffers ? 'yes (external-dns target differs)' : 'yes';
}

/** Runs `work` over `items` with at most `limit` in flight, stopping early when the run is aborted. */
async function mapLimited<T, R>(items: T[], limit: number, signal: AbortSignal, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal.aborted) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (signal.aborted) throw new Error('aborted before every hostname was resolved');
  return results;
}

function configuredServers(context: CheckContext): { role: 'internal' | 'external'; server: DnsServerAddress }[] {
  const { dns } = context.cluster;
  return [
    ...(dns.internal ? [{ role: 'internal' as const, server: dns.internal }] : []),
    ...dns.external.map(server => ({ role: 'external' as const, server })),
  ];
}

/**
 * Split-horizon DNS: every hostname routed through a gateway or ingress is asked of the
 * internal server (k8s_gateway) and each external resolver. Internally it must resolve to the
 * gateway's address; externally, public names must exist (and match unless external-dns
 * publishes another target) while internal-only names may be absent.
 */
export const splitHorizonCheck: DiagnosticCheck = {
  id: 'dns.split-horizon',
  title: 'Hostnames resolve to their gateway (internal and external DNS)',
  category: 'dns',
  scopes: ['cluster', 'namespace', 'entity'],
  description:
    "Resolves every route, ingress and annotated LoadBalancer hostname through the cluster's internal DNS server (k8s_gateway) and each configured external resolver, and compares the answers with the gateway's address.",
  manualCommand: 'dig @<k8s_gateway address> <hostname>; dig @1.1.1.1 <hostname>',
  remediation:
    "NXDOMAIN internally: k8s_gateway indexes only exact spec.hostnames of routes with a parentRef it can see; check the route and the gateway's status.addresses. NXDOMAIN externally for a public name: check the external-dns logs and its --source/--gateway-name filters. AddressMismatch: a stale record or a wrong external-dns target annotation; fix the record or the annotation.",
  async run(context) {
    const servers = configuredServers(context);
    if (servers.length === 0) {
      return {
        findings: [],
        summary: 'No DNS servers configured',
        skippedBecause: `no DNS server is configured for cluster ${context.cluster.name} (network.clusters.${context.cluster.name}.dns.internal / dns.external)`,
      };
    }
    const notConfigured = [
      ...(context.cluster.dns.internal ? [] : ['internal (k8s_gateway): not configured, internal answers skipped']),
      ...(context.cluster.dns.external.length > 0 ? [] : ['external: no resolver configured, public answers skipped']),
    ];
    const targets = dnsTargets(context);
    const queries = targets.flatMap(target => servers.map(entry => ({ target, ...entry })));
    context.log(`resolving ${countOf(targets.length, 'hostname')} at ${servers.map(entry => formatServer(entry.server)).join(', ')}`);
    const answers = await mapLimited(queries, CONCURRENT_QUERIES, context.signal, query => context.dns.resolve(query.server, query.target.hostname));
    const findings: CheckFinding[] = [];
    const byTarget = new Map<DnsTarget, { role: 'internal' | 'external'; answer: DnsAnswer }[]>();
    queries.forEach((query, index) => {
      const list = byTarget.get(query.target) ?? [];
      list.push({ role: query.role, answer: answers[index] });
      byTarget.set(query.target, list);
    });
    for (const [target, results] of byTarget) {
      const problems = results.map(result => judge(target, result.answer, result.role)).filter((problem): problem is NonNullable<typeof problem> => Boolean(problem));
      if (problems.length === 0) continue;
      const worst = problems.find(problem => problem.outcome === 'fail') ?? problems[0];
      findings.push({
        outcome: worst.outcome,
        subject: target.hostname,
        message: `${worst.reason}: ${problems.map(problem => problem.text).join('; ')}`,
        object: target.source,
        evidence: {
          objects: [target.source],
          dns: results.map(result => evidenceOf(result.answer)),
          fields: {
            via: target.via,
            expected: target.expected.join(', ') || 'none (no address yet)',
            public: publicText(target),
          },
        },
      });
    }
    return {
      findings,
      evidence: {
        dns: answers.map(evidenceOf),
        fields: {
          servers: servers.map(entry => `${entry.role} ${formatServer(entry.server)}`).join(', '),
          ...(notConfigured.length > 0 ? { skipped: notConfigured.join('; ') } : {}),
        },
      },
      summary: `${findings.length > 0 ? `${findings.length} of ${countOf(targets.length, 'hostname')} inconsistent` : `${countOf(targets.length, 'hostname')} consistent`} across ${countOf(servers.length, 'server')}${notConfigured.length > 0 ? ` (${notConfigured.map(text => text.split(':')[0]).join(', ')} not configured)` : ''}`,
    };
  },
};
