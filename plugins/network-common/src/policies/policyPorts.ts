import {
  CiliumPortRule,
  NamedContainerPort,
  NetworkPolicyPort,
} from './policyObjects';

/** The port and protocol a connection goes to, with the destination pod's named ports. */
export interface DestinationPort {
  port: number;
  protocol: string;
  namedPorts?: NamedContainerPort[];
}

/**
 * Whether a NetworkPolicy `ports` list admits a destination port. Absent or empty
 * means every port; protocol defaults to TCP; a named port resolves against the
 * destination pod's container ports (unknown names match nothing); `endPort`
 * widens a numeric port to a range.
 */
export function networkPolicyPortsAdmit(
  ports: NetworkPolicyPort[] | undefined,
  destination: DestinationPort,
): boolean {
  if (!ports || ports.length === 0) return true;
  return ports.some(entry => {
    const protocol = (entry.protocol ?? 'TCP').toUpperCase();
    if (protocol !== destination.protocol) return false;
    if (entry.port === undefined) return true;
    return portValueAdmits(entry.port, entry.endPort, protocol, destination);
  });
}

/**
 * Whether a Cilium `toPorts` list admits a destination port. Absent or empty means
 * every port; protocol defaults to ANY; port `0` or absent means every port; a
 * non-numeric port is a named port.
 */
export function ciliumPortsAdmit(
  toPorts: CiliumPortRule[] | undefined,
  destination: DestinationPort,
): boolean {
  if (!toPorts || toPorts.length === 0) return true;
  return toPorts.some(rule => {
    const ports = rule.ports ?? [];
    if (ports.length === 0) return true;
    return ports.some(entry => {
      const protocol = (entry.protocol ?? 'ANY').toUpperCase();
      if (protocol !== 'ANY' && protocol !== destination.protocol) return false;
      if (
        entry.port === undefined ||
        entry.port === '' ||
        String(entry.port) === '0'
      )
        return true;
      return portValueAdmits(entry.port, entry.endPort, protocol, destination);
    });
  });
}

function portValueAdmits(
  port: number | string,
  endPort: number | undefined,
  protocol: string,
  destination: DestinationPort,
): boolean {
  const numeric = numericPort(port);
  if (numeric !== undefined) {
    const last =
      endPort !== undefined && endPort >= numeric ? endPort : numeric;
    return destination.port >= numeric && destination.port <= last;
  }
  const named = (destination.namedPorts ?? []).find(
    candidate => candidate.name === port,
  );
  if (!named) return false;
  const namedProtocol = (named.protocol ?? 'TCP').toUpperCase();
  return (
    named.port === destination.port &&
    (protocol === 'ANY' || namedProtocol === protocol)
  );
}

function numericPort(port: number | string): number | undefined {
  if (typeof port === 'number') return port;
  return /^\d+$/.test(port) ? Number(port) : undefined;
}
