/**
 * Turns one decoded DNS query into the response packet an authoritative k8s_gateway-like
 * server sends: A/AAAA answers from the cluster objects, NXDOMAIN for unknown names and
 * NOERROR without answers (NODATA) for known names lacking the asked type, both with the
 * zone's SOA in the authority section; REFUSED for names outside the served zones.
 */
import { isIP } from 'node:net';
import dnsPacket from 'dns-packet';
import type { Answer, DecodedPacket, Packet } from 'dns-packet';
import type { ObjectStore } from '../store/types.ts';
import { canonicalName, lookupHostname } from './hostname-lookup.ts';

/** Response codes used here (RFC 1035 / 2136 numbering). */
const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;

/** The EDNS UDP payload size we advertise (the DNS flag day 2020 value). */
export const EDNS_UDP_PAYLOAD_SIZE = 1232;

/** What the answering needs besides the store. */
export interface DnsAnswerSettings {
  /** Canonical zones served (lower case, no trailing dot); empty means every name. */
  zones: readonly string[];
  /** TTL of answers and of the SOA minimum. */
  ttl: number;
  /** SOA serial. */
  serial: number;
}

/** A decoded query as dns-packet returns it, including header fields its types omit. */
type DecodedQuery = DecodedPacket & { opcode?: string };

function flagsFor(query: DecodedQuery, rcode: number): number {
  // Authoritative, recursion not available; RD is echoed as RFC 1035 asks.
  return dnsPacket.AUTHORITATIVE_ANSWER | (query.flag_rd ? dnsPacket.RECURSION_DESIRED : 0) | rcode;
}

/** The longest served zone containing `name`; '' (the root) when all names are served. */
function zoneOf(name: string, zones: readonly string[]): string | undefined {
  if (zones.length === 0) return '';
  let best: string | undefined;
  for (const zone of zones) {
    if ((name === zone || name.endsWith(`.${zone}`)) && (best === undefined || zone.length > best.length)) best = zone;
  }
  return best;
}

function soaRecord(zone: string, settings: DnsAnswerSettings): Answer {
  const suffix = zone ? `.${zone}` : '';
  return {
    type: 'SOA',
    name: zone || '.',
    ttl: settings.ttl,
    class: 'IN',
    data: {
      mname: `ns1${suffix}`,
      rname: `hostmaster${suffix}`,
      serial: settings.serial,
      refresh: 7200,
      retry: 1800,
      expire: 86400,
      minimum: settings.ttl,
    },
  };
}

function ednsRecord(query: DecodedQuery): Answer[] {
  const hasOpt = (query.additionals ?? []).some((record) => record.type === 'OPT');
  if (!hasOpt) return [];
  return [{ type: 'OPT', name: '.', udpPayloadSize: EDNS_UDP_PAYLOAD_SIZE, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] } as Answer];
}

/** Builds the response to `query` from the live store. */
export function answerQuery(query: DecodedQuery, store: ObjectStore, settings: DnsAnswerSettings): Packet {
  const base = (rcode: number): Packet => ({
    type: 'response',
    id: query.id,
    flags: flagsFor(query, rcode),
    questions: query.questions ?? [],
    answers: [],
    authorities: [],
    additionals: ednsRecord(query),
  });

  if (query.opcode !== undefined && query.opcode !== 'QUERY') return base(RCODE.NOTIMP);
  const question = query.questions?.[0];
  if (!question || query.questions!.length !== 1) return base(RCODE.FORMERR);

  const name = canonicalName(question.name);
  const zone = zoneOf(name, settings.zones);
  if (zone === undefined) return base(RCODE.REFUSED);

  const match = lookupHostname(store, name, settings.zones);
  const isApex = name === zone;
  if (!match && !isApex) {
    const response = base(RCODE.NXDOMAIN);
    response.authorities = [soaRecord(zone, settings)];
    return response;
  }

  const response = base(RCODE.NOERROR);
  const wantsA = question.type === 'A' || (question.type as string) === 'ANY';
  const wantsAaaa = question.type === 'AAAA' || (question.type as string) === 'ANY';
  for (const address of match?.addresses ?? []) {
    const family = isIP(address);
    if ((family === 4 && wantsA) || (family === 6 && wantsAaaa)) {
      response.answers!.push({ type: family === 4 ? 'A' : 'AAAA', name: question.name, ttl: settings.ttl, class: 'IN', data: address });
    }
  }
  if (isApex && question.type === 'SOA') response.answers!.push(soaRecord(zone, settings));
  if (response.answers!.length === 0) response.authorities = [soaRecord(zone, settings)];
  return response;
}

/** A SERVFAIL for a query whose answering threw (a store error); never used for misses. */
export function serverFailure(query: DecodedQuery): Packet {
  return {
    type: 'response',
    id: query.id,
    flags: flagsFor(query, RCODE.SERVFAIL),
    questions: query.questions ?? [],
    answers: [],
    authorities: [],
    additionals: [],
  };
}

/**
 * Encodes a response for UDP: when it exceeds what the client accepts (512 bytes, or its EDNS
 * payload size) it is cut to the header and question with TC set, so the client retries on TCP.
 */
export function encodeForUdp(response: Packet, query: DecodedQuery): Buffer {
  const opt = (query.additionals ?? []).find((record) => record.type === 'OPT') as { udpPayloadSize?: number } | undefined;
  const limit = Math.max(512, Math.min(opt?.udpPayloadSize ?? 512, EDNS_UDP_PAYLOAD_SIZE));
  const encoded = dnsPacket.encode(response);
  if (encoded.length <= limit) return encoded;
  return dnsPacket.encode({
    ...response,
    flags: (response.flags ?? 0) | dnsPacket.TRUNCATED_RESPONSE,
    answers: [],
    authorities: [],
  });
}
