import { Hop } from '@internal/plugin-network-common';
import { DnsServerAddress } from '../ClusterRegistry/ClusterRegistry';
import { DnsAnswer, DnsProbe, formatServer } from '../DnsProbe/DnsProbe';
import { fixHintFor } from './fixHints';

/**
 * A DNS hop: what the servers answered for the hostname against the addresses the gateway
 * (or service) has. Every server must answer with one of the expected addresses.
 */
export async function dnsHop(
  probe: DnsProbe,
  kind: 'dns-internal' | 'dns-external',
  servers: DnsServerAddress[],
  hostname: string,
  expected: string[],
): Promise<Hop> {
  const answers: DnsAnswer[] = await Promise.all(servers.map(server => probe.resolve(server, hostname)));
  const fields: Hop['evidence']['fields'] = { expected: expected.join(', ') || null };
  for (const answer of answers) {
    fields[answer.server] = answer.outcome === 'ok' ? answer.addresses.join(', ') : answer.code ?? answer.outcome;
  }
  const base = {
    id: kind,
    kind,
    title: `${kind === 'dns-internal' ? 'Internal' : 'External'} DNS (${servers.map(formatServer).join(', ')})`,
    evidence: { objects: [], fields },
  };
  const unreachable = answers.find(answer => answer.outcome === 'timeout' || answer.outcome === 'error');
  const missing = answers.find(answer => answer.outcome === 'nxdomain');
  if (missing) {
    return { ...base, state: 'failing', reason: 'NXDOMAIN', message: `${missing.server} has no record for ${hostname}`, fixHint: fixHintFor('NXDOMAIN') };
  }
  const wrong = answers.find(answer => answer.outcome === 'ok' && expected.length > 0 && !answer.addresses.some(address => expected.includes(address)));
  if (wrong) {
    return {
      ...base, state: 'failing', reason: 'AddressMismatch',
      message: `${wrong.server} answers ${wrong.addresses.join(', ')}; expected ${expected.join(' or ')}`,
      fixHint: fixHintFor('AddressMismatch'),
    };
  }
  if (unreachable) {
    return { ...base, state: 'unknown', reason: 'DnsUnreachable', message: `${unreachable.server}: ${unreachable.code}`, fixHint: fixHintFor('DnsUnreachable') };
  }
  const addresses = [...new Set(answers.flatMap(answer => answer.addresses))];
  return { ...base, state: 'ok', message: `${hostname} -> ${addresses.join(', ')}` };
}
