import { parseIp } from '../ip/ipAddress';
import {
  IpRange,
  ipRangeContains,
  ipRangesOverlap,
  parseCidrRange,
  parseStartStopRange,
} from '../ip/ipRange';
import { LabelSelector, labelSelectorRequirements } from '../selectors/labelSelector';
import {
  BaselineClusterIssuer,
  BaselineDefaultDeny,
  BaselineGateway,
  BaselineIpPool,
  BaselineL2Policy,
  BaselineListener,
  BaselinePoolBlock,
  NetworkBaseline,
} from './networkBaseline';

/** The outcome of reading a baseline: the baseline when valid, else every problem found. */
export type ParsedNetworkBaseline =
  | { baseline: NetworkBaseline; problems: [] }
  | { baseline?: undefined; problems: string[] };

// RFC 1123 names: what Kubernetes accepts for namespaces and most object names.
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const HOSTNAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const PROTOCOLS = ['HTTP', 'HTTPS', 'TLS', 'TCP', 'UDP'] as const;

/** Collects problems while reading, so one pass reports all of them. */
class FieldReader {
  readonly problems: string[] = [];

  problem(path: string, message: string): undefined {
    this.problems.push(`${path}: ${message}`);
    return undefined;
  }

  object(value: unknown, path: string): Record<string, unknown> | undefined {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return this.problem(path, `expected an object, got ${describe(value)}`);
    }
    return value as Record<string, unknown>;
  }

  array(value: unknown, path: string): unknown[] | undefined {
    if (value === undefined) return [];
    if (!Array.isArray(value)) return this.problem(path, `expected a list, got ${describe(value)}`);
    return value;
  }

  string(value: unknown, path: string, required: boolean): string | undefined {
    if (value === undefined) return required ? this.problem(path, 'is required') : undefined;
    if (typeof value !== 'string' || value.trim() === '') {
      return this.problem(path, `expected a non-empty string, got ${describe(value)}`);
    }
    return value;
  }

  name(value: unknown, path: string, pattern = DNS_SUBDOMAIN): string | undefined {
    const text = this.string(value, path, true);
    if (text === undefined) return undefined;
    if (!pattern.test(text) || text.length > 253) {
      return this.problem(path, `'${text}' is not a valid Kubernetes name (lowercase letters, digits, '-')`);
    }
    return text;
  }

  boolean(value: unknown, path: string, fallback: boolean): boolean {
    if (value === undefined) return fallback;
    if (typeof value !== 'boolean') {
      this.problem(path, `expected true or false, got ${describe(value)}`);
      return fallback;
    }
    return value;
  }

  oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !allowed.includes(value as T)) {
      return this.problem(path, `${describe(value)} is not one of ${allowed.join(', ')}`);
    }
    return value as T;
  }

  stringMap(value: unknown, path: string): Record<string, string> | undefined {
    if (value === undefined) return undefined;
    const object = this.object(value, path);
    if (!object) return undefined;
    const result: Record<string, string> = {};
    for (const [key, entry] of Object.entries(object)) {
      if (typeof entry !== 'string') this.problem(`${path}.${key}`, `expected a string, got ${describe(entry)}`);
      else result[key] = entry;
    }
    return result;
  }

  stringList(value: unknown, path: string): string[] | undefined {
    if (value === undefined) return undefined;
    const list = this.array(value, path) ?? [];
    return list
      .map((entry, index) => this.string(entry, `${path}[${index}]`, true))
      .filter((entry): entry is string => entry !== undefined);
  }

  selector(value: unknown, path: string): LabelSelector | undefined {
    if (value === undefined) return undefined;
    const object = this.object(value, path);
    if (!object) return undefined;
    const selector: LabelSelector = {};
    const matchLabels = this.stringMap(object.matchLabels, `${path}.matchLabels`);
    if (matchLabels) selector.matchLabels = matchLabels;
    if (object.matchExpressions !== undefined) {
      const expressions = this.array(object.matchExpressions, `${path}.matchExpressions`) ?? [];
      selector.matchExpressions = expressions.map((entry, index) => {
        const expressionPath = `${path}.matchExpressions[${index}]`;
        const expression = this.object(entry, expressionPath) ?? {};
        return {
          key: this.string(expression.key, `${expressionPath}.key`, true) ?? '',
          operator: this.string(expression.operator, `${expressionPath}.operator`, true) ?? '',
          ...(expression.values !== undefined
            ? { values: this.stringList(expression.values, `${expressionPath}.values`) }
            : {}),
        };
      });
    }
    const checked = labelSelectorRequirements(selector);
    if ('error' in checked) this.problem(path, checked.error);
    return selector;
  }
}

/**
 * Reads and validates a network baseline (`network.clusters.<name>.baseline`). Every problem
 * names its field path under `fieldPath`, e.g.
 * `network.clusters.demo.baseline.ipPools[1].blocks[0].cidr: '10.0.0.0/33' is not a valid CIDR`,
 * so bad config is refused before anything reaches a cluster. Overlapping pools are a problem
 * too (Cilium would disable the newer one).
 */
export function parseNetworkBaseline(raw: unknown, fieldPath: string): ParsedNetworkBaseline {
  const reader = new FieldReader();
  const baseline = readBaseline(reader, raw, fieldPath);
  if (reader.problems.length > 0) return { problems: reader.problems };
  return { baseline, problems: [] };
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return `'${value}'`;
  return JSON.stringify(value) ?? String(value);
}

function readBaseline(reader: FieldReader, raw: unknown, path: string): NetworkBaseline {
  const empty: NetworkBaseline = {
    ipPools: [],
    l2AnnouncementPolicies: [],
    gateways: [],
    clusterIssuers: [],
    defaultDenyPolicies: [],
  };
  if (raw === undefined) return empty;
  const object = reader.object(raw, path);
  if (!object) return empty;
  const known = ['ipPools', 'l2AnnouncementPolicies', 'gatewayClass', 'gateways', 'clusterIssuers', 'defaultDenyPolicies'];
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) reader.problem(`${path}.${key}`, `unknown key (known: ${known.join(', ')})`);
  }
  const list = <T>(key: string, read: (value: unknown, itemPath: string) => T | undefined): T[] =>
    (reader.array(object[key], `${path}.${key}`) ?? [])
      .map((value, index) => read(value, `${path}.${key}[${index}]`))
      .filter((item): item is T => item !== undefined);

  const pools = (reader.array(object.ipPools, `${path}.ipPools`) ?? []).map((value, index) =>
    readPool(reader, value, `${path}.ipPools[${index}]`),
  );
  reportPoolOverlaps(reader, pools, `${path}.ipPools`);
  reportDuplicates(reader, pools.map(pool => pool.pool?.name), `${path}.ipPools`, 'pool');

  const baseline: NetworkBaseline = {
    ipPools: pools.map(pool => pool.pool).filter((pool): pool is BaselineIpPool => pool !== undefined),
    l2AnnouncementPolicies: list('l2AnnouncementPolicies', (value, itemPath) => readL2Policy(reader, value, itemPath)),
    gateways: [],
    clusterIssuers: list('clusterIssuers', (value, itemPath) => readIssuer(reader, value, itemPath)),
    defaultDenyPolicies: list('defaultDenyPolicies', (value, itemPath) => readDefaultDeny(reader, value, itemPath)),
  };
  if (object.gatewayClass !== undefined) {
    const classPath = `${path}.gatewayClass`;
    const gatewayClass = reader.object(object.gatewayClass, classPath);
    if (gatewayClass) {
      const name = reader.name(gatewayClass.name, `${classPath}.name`);
      const controllerName = reader.string(gatewayClass.controllerName, `${classPath}.controllerName`, true);
      const description = reader.string(gatewayClass.description, `${classPath}.description`, false);
      if (name && controllerName) {
        baseline.gatewayClass = { name, controllerName, ...(description ? { description } : {}) };
      }
    }
  }
  baseline.gateways = list('gateways', (value, itemPath) => readGateway(reader, value, itemPath, pools));
  reportDuplicates(reader, baseline.l2AnnouncementPolicies.map(policy => policy.name), `${path}.l2AnnouncementPolicies`, 'policy');
  reportDuplicates(reader, baseline.gateways.map(gateway => `${gateway.namespace}/${gateway.name}`), `${path}.gateways`, 'gateway');
  reportDuplicates(reader, baseline.clusterIssuers.map(issuer => issuer.name), `${path}.clusterIssuers`, 'issuer');
  reportDuplicates(reader, baseline.defaultDenyPolicies.map(policy => policy.namespace), `${path}.defaultDenyPolicies`, 'namespace');
  return baseline;
}

/** A pool with the ranges of its blocks, for overlap and address checks. */
interface ReadPool {
  pool?: BaselineIpPool;
  name?: string;
  ranges: Array<{ range: IpRange; path: string }>;
}

function readPool(reader: FieldReader, value: unknown, path: string): ReadPool {
  const object = reader.object(value, path);
  if (!object) return { ranges: [] };
  const name = reader.name(object.name, `${path}.name`);
  const apiVersion = reader.oneOf(object.apiVersion, `${path}.apiVersion`, ['cilium.io/v2', 'cilium.io/v2alpha1'] as const);
  const ranges: ReadPool['ranges'] = [];
  const blocks: BaselinePoolBlock[] = [];
  const rawBlocks = reader.array(object.blocks, `${path}.blocks`) ?? [];
  if (object.blocks === undefined || rawBlocks.length === 0) reader.problem(`${path}.blocks`, 'needs at least one block');
  rawBlocks.forEach((rawBlock, index) => {
    const blockPath = `${path}.blocks[${index}]`;
    const block = reader.object(rawBlock, blockPath);
    if (!block) return;
    for (const key of Object.keys(block)) {
      if (!['cidr', 'start', 'stop'].includes(key)) reader.problem(`${blockPath}.${key}`, 'unknown key (known: cidr, start, stop)');
    }
    if (block.cidr !== undefined) {
      if (block.start !== undefined || block.stop !== undefined) {
        reader.problem(blockPath, 'give either cidr or start/stop, not both');
        return;
      }
      const cidr = reader.string(block.cidr, `${blockPath}.cidr`, true);
      if (cidr === undefined) return;
      const range = parseCidrRange(cidr);
      if (!range) {
        reader.problem(`${blockPath}.cidr`, `'${cidr}' is not a valid CIDR`);
        return;
      }
      ranges.push({ range, path: blockPath });
      blocks.push({ cidr });
      return;
    }
    const start = reader.string(block.start, `${blockPath}.start`, true);
    const stop = reader.string(block.stop, `${blockPath}.stop`, false);
    if (start === undefined) return;
    if (!parseIp(start)) {
      reader.problem(`${blockPath}.start`, `'${start}' is not a valid IP address`);
      return;
    }
    if (stop !== undefined && !parseIp(stop)) {
      reader.problem(`${blockPath}.stop`, `'${stop}' is not a valid IP address`);
      return;
    }
    const range = parseStartStopRange(start, stop);
    if (!range) {
      reader.problem(blockPath, `'${start}'-'${stop}' is not a range (stop before start, or mixed IPv4/IPv6)`);
      return;
    }
    ranges.push({ range, path: blockPath });
    blocks.push(stop === undefined ? { start } : { start, stop });
  });
  const serviceSelector = reader.selector(object.serviceSelector, `${path}.serviceSelector`);
  const allowFirstLastIPs = reader.oneOf(object.allowFirstLastIPs, `${path}.allowFirstLastIPs`, ['Yes', 'No'] as const);
  const disabled = object.disabled === undefined ? undefined : reader.boolean(object.disabled, `${path}.disabled`, false);
  if (!name) return { ranges };
  return {
    name,
    ranges,
    pool: {
      name,
      apiVersion: apiVersion ?? 'cilium.io/v2alpha1',
      blocks,
      ...(serviceSelector ? { serviceSelector } : {}),
      ...(allowFirstLastIPs ? { allowFirstLastIPs } : {}),
      ...(disabled !== undefined ? { disabled } : {}),
    },
  };
}

function reportPoolOverlaps(reader: FieldReader, pools: ReadPool[], path: string): void {
  pools.forEach((pool, index) => {
    for (let earlier = 0; earlier < index; earlier++) {
      for (const mine of pool.ranges) {
        const other = pools[earlier].ranges.find(candidate => ipRangesOverlap(candidate.range, mine.range));
        if (other) {
          reader.problem(
            mine.path,
            `range '${mine.range.label}' of pool '${pool.name}' overlaps range '${other.range.label}' of pool '${pools[earlier].name}' (${other.path.slice(path.lastIndexOf('ipPools'))})`,
          );
          return;
        }
      }
    }
  });
}

function reportDuplicates(reader: FieldReader, names: Array<string | undefined>, path: string, what: string): void {
  const seen = new Map<string, number>();
  names.forEach((name, index) => {
    if (name === undefined) return;
    const first = seen.get(name);
    if (first !== undefined) reader.problem(`${path}[${index}]`, `${what} '${name}' is already defined at [${first}]`);
    else seen.set(name, index);
  });
}

function readL2Policy(reader: FieldReader, value: unknown, path: string): BaselineL2Policy | undefined {
  const object = reader.object(value, path);
  if (!object) return undefined;
  const name = reader.name(object.name, `${path}.name`);
  const interfaces = reader.stringList(object.interfaces, `${path}.interfaces`);
  interfaces?.forEach((pattern, index) => {
    if (!isValidRegex(pattern)) {
      reader.problem(`${path}.interfaces[${index}]`, `'${pattern}' is not a valid regular expression`);
    }
  });
  const nodeSelector = reader.selector(object.nodeSelector, `${path}.nodeSelector`);
  const serviceSelector = reader.selector(object.serviceSelector, `${path}.serviceSelector`);
  const loadBalancerIPs = reader.boolean(object.loadBalancerIPs, `${path}.loadBalancerIPs`, true);
  const externalIPs = reader.boolean(object.externalIPs, `${path}.externalIPs`, false);
  if (!loadBalancerIPs && !externalIPs) {
    reader.problem(path, 'announces nothing: set loadBalancerIPs or externalIPs to true');
  }
  if (!name) return undefined;
  return {
    name,
    ...(interfaces ? { interfaces } : {}),
    ...(nodeSelector ? { nodeSelector } : {}),
    ...(serviceSelector ? { serviceSelector } : {}),
    loadBalancerIPs,
    externalIPs,
  };
}

function readGateway(reader: FieldReader, value: unknown, path: string, pools: ReadPool[]): BaselineGateway | undefined {
  const object = reader.object(value, path);
  if (!object) return undefined;
  const name = reader.name(object.name, `${path}.name`);
  const namespace = reader.name(object.namespace, `${path}.namespace`, DNS_LABEL);
  const address = reader.string(object.address, `${path}.address`, false);
  const pool = reader.string(object.pool, `${path}.pool`, false);
  if (pool !== undefined && !pools.some(candidate => candidate.name === pool)) {
    reader.problem(`${path}.pool`, `no pool '${pool}' in ipPools`);
  }
  if (address !== undefined) {
    const parsed = parseIp(address);
    if (!parsed) reader.problem(`${path}.address`, `'${address}' is not a valid IP address`);
    else {
      const candidates = pools.filter(candidate => pool === undefined || candidate.name === pool);
      const inPool = candidates.some(candidate => candidate.ranges.some(entry => ipRangeContains(entry.range, parsed)));
      if (!inPool) {
        reader.problem(`${path}.address`, `'${address}' is not in ${pool ? `pool '${pool}'` : 'any pool of ipPools'}`);
      }
    }
  }
  const clusterIssuer = reader.string(object.clusterIssuer, `${path}.clusterIssuer`, false);
  const annotations = reader.stringMap(object.annotations, `${path}.annotations`);
  const infrastructureAnnotations = reader.stringMap(object.infrastructureAnnotations, `${path}.infrastructureAnnotations`);
  const rawListeners = reader.array(object.listeners, `${path}.listeners`) ?? [];
  if (rawListeners.length === 0) reader.problem(`${path}.listeners`, 'needs at least one listener');
  const listeners = rawListeners
    .map((entry, index) => readListener(reader, entry, `${path}.listeners[${index}]`))
    .filter((listener): listener is BaselineListener => listener !== undefined);
  reportDuplicates(reader, listeners.map(listener => listener.name), `${path}.listeners`, 'listener');
  if (!name || !namespace) return undefined;
  return {
    name,
    namespace,
    ...(address ? { address } : {}),
    ...(pool ? { pool } : {}),
    ...(clusterIssuer ? { clusterIssuer } : {}),
    ...(annotations ? { annotations } : {}),
    ...(infrastructureAnnotations ? { infrastructureAnnotations } : {}),
    listeners,
  };
}

function readListener(reader: FieldReader, value: unknown, path: string): BaselineListener | undefined {
  const object = reader.object(value, path);
  if (!object) return undefined;
  const name = reader.name(object.name, `${path}.name`, DNS_LABEL);
  const protocol = reader.oneOf(object.protocol, `${path}.protocol`, PROTOCOLS);
  if (object.protocol === undefined) reader.problem(`${path}.protocol`, 'is required');
  const port = object.port;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    reader.problem(`${path}.port`, `${describe(port)} is not a port (1-65535)`);
  }
  const hostname = reader.string(object.hostname, `${path}.hostname`, false);
  if (hostname !== undefined && !HOSTNAME.test(hostname)) {
    reader.problem(`${path}.hostname`, `'${hostname}' is not a valid hostname (a wildcard only as the first label)`);
  }
  const allowedRoutesFrom = reader.oneOf(object.allowedRoutesFrom, `${path}.allowedRoutesFrom`, ['Same', 'All'] as const);
  let tls: BaselineListener['tls'];
  if (object.tls !== undefined) {
    const tlsObject = reader.object(object.tls, `${path}.tls`);
    if (tlsObject) {
      const mode = reader.oneOf(tlsObject.mode, `${path}.tls.mode`, ['Terminate', 'Passthrough'] as const);
      const refs = (reader.array(tlsObject.certificateRefs, `${path}.tls.certificateRefs`) ?? []).map((entry, index) => {
        const refPath = `${path}.tls.certificateRefs[${index}]`;
        const ref = reader.object(entry, refPath) ?? {};
        const refName = reader.name(ref.name, `${refPath}.name`);
        const refNamespace = ref.namespace === undefined ? undefined : reader.name(ref.namespace, `${refPath}.namespace`, DNS_LABEL);
        return refName ? { name: refName, ...(refNamespace ? { namespace: refNamespace } : {}) } : undefined;
      });
      tls = { ...(mode ? { mode } : {}), certificateRefs: refs.filter((ref): ref is { name: string } => ref !== undefined) };
    }
  }
  if ((protocol === 'HTTPS' || protocol === 'TLS') && (tls?.mode ?? 'Terminate') === 'Terminate' && !tls?.certificateRefs.length) {
    reader.problem(`${path}.tls.certificateRefs`, `a ${protocol} listener that terminates TLS needs a certificate Secret`);
  }
  if (!name || !protocol || typeof port !== 'number') return undefined;
  return {
    name,
    protocol,
    port,
    ...(hostname ? { hostname } : {}),
    ...(allowedRoutesFrom ? { allowedRoutesFrom } : {}),
    ...(tls ? { tls } : {}),
  };
}

function readIssuer(reader: FieldReader, value: unknown, path: string): BaselineClusterIssuer | undefined {
  const object = reader.object(value, path);
  if (!object) return undefined;
  const name = reader.name(object.name, `${path}.name`);
  const kinds = ['selfSigned', 'ca', 'acme'].filter(kind => object[kind] !== undefined);
  if (kinds.length !== 1) {
    reader.problem(path, `needs exactly one of selfSigned, ca, acme (got ${kinds.length ? kinds.join(', ') : 'none'})`);
    return undefined;
  }
  if (!name) return undefined;
  if (object.selfSigned !== undefined) {
    reader.object(object.selfSigned, `${path}.selfSigned`);
    return { name, selfSigned: {} };
  }
  if (object.ca !== undefined) {
    const ca = reader.object(object.ca, `${path}.ca`) ?? {};
    const secretName = reader.name(ca.secretName, `${path}.ca.secretName`);
    return secretName ? { name, ca: { secretName } } : undefined;
  }
  const acme = reader.object(object.acme, `${path}.acme`) ?? {};
  const server = reader.string(acme.server, `${path}.acme.server`, true);
  if (server !== undefined && !/^https:\/\/[^\s]+$/.test(server)) {
    reader.problem(`${path}.acme.server`, `'${server}' is not an https:// URL`);
  }
  const email = reader.string(acme.email, `${path}.acme.email`, true);
  if (email !== undefined && !/^[^@\s]+@[^@\s]+$/.test(email)) {
    reader.problem(`${path}.acme.email`, `'${email}' is not an email address`);
  }
  const privateKeySecretName =
    acme.privateKeySecretName === undefined ? undefined : reader.name(acme.privateKeySecretName, `${path}.acme.privateKeySecretName`);
  const dnsZones = reader.stringList(acme.dnsZones, `${path}.acme.dnsZones`);
  const cloudflare = reader.object(acme.cloudflare, `${path}.acme.cloudflare`) ?? {};
  const apiTokenSecretName = reader.name(cloudflare.apiTokenSecretName, `${path}.acme.cloudflare.apiTokenSecretName`);
  const apiTokenSecretKey = reader.string(cloudflare.apiTokenSecretKey, `${path}.acme.cloudflare.apiTokenSecretKey`, true);
  if (!server || !email || !apiTokenSecretName || !apiTokenSecretKey) return undefined;
  return {
    name,
    acme: {
      server,
      email,
      ...(privateKeySecretName ? { privateKeySecretName } : {}),
      ...(dnsZones ? { dnsZones } : {}),
      cloudflare: { apiTokenSecretName, apiTokenSecretKey },
    },
  };
}

function readDefaultDeny(reader: FieldReader, value: unknown, path: string): BaselineDefaultDeny | undefined {
  const object = reader.object(value, path);
  if (!object) return undefined;
  const namespace = reader.name(object.namespace, `${path}.namespace`, DNS_LABEL);
  const kind = reader.oneOf(object.kind, `${path}.kind`, ['NetworkPolicy', 'CiliumNetworkPolicy'] as const);
  const allowDnsEgress = reader.boolean(object.allowDnsEgress, `${path}.allowDnsEgress`, true);
  if (!namespace) return undefined;
  return { namespace, kind: kind ?? 'NetworkPolicy', allowDnsEgress };
}

function isValidRegex(pattern: string): boolean {
  try {
    return RegExp(pattern) instanceof RegExp;
  } catch {
    return false;
  }
}
