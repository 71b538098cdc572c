import {
  ciliumPortsAdmit,
  DestinationPort,
  networkPolicyPortsAdmit,
} from './policyPorts';
import { CiliumPortRule, NetworkPolicyPort } from './policyObjects';

const tcp8080: DestinationPort = {
  port: 8080,
  protocol: 'TCP',
  namedPorts: [
    { name: 'http', port: 8080 },
    { name: 'dns', port: 53, protocol: 'UDP' },
  ],
};
const udp53: DestinationPort = {
  port: 53,
  protocol: 'UDP',
  namedPorts: tcp8080.namedPorts,
};

describe('networkPolicyPortsAdmit', () => {
  it.each<[NetworkPolicyPort[] | undefined, DestinationPort, boolean]>([
    [undefined, tcp8080, true],
    [[], udp53, true],
    [[{ port: 8080 }], tcp8080, true],
    [[{ port: 8080 }], { ...tcp8080, protocol: 'UDP' }, false],
    [[{ protocol: 'TCP' }], tcp8080, true],
    [[{ protocol: 'UDP' }], tcp8080, false],
    [[{ port: 8000, endPort: 8079 }], tcp8080, false],
    [[{ port: 8000, endPort: 8080 }], tcp8080, true],
    [[{ port: 'http' }], tcp8080, true],
    [
      [{ port: 'http', protocol: 'UDP' }],
      { ...tcp8080, protocol: 'UDP' },
      false,
    ],
    [[{ port: 'dns', protocol: 'UDP' }], udp53, true],
    [[{ port: 'dns' }], udp53, false],
    [[{ port: 'nope' }], tcp8080, false],
    [[{ port: '8080' }], tcp8080, true],
  ])('%j admits %j: %s', (ports, destination, expected) => {
    expect(networkPolicyPortsAdmit(ports, destination)).toBe(expected);
  });
});

describe('ciliumPortsAdmit', () => {
  it.each<[CiliumPortRule[] | undefined, DestinationPort, boolean]>([
    [undefined, tcp8080, true],
    [[{}], tcp8080, true],
    [[{ ports: [{ port: '8080' }] }], { ...tcp8080, protocol: 'UDP' }, true],
    [
      [{ ports: [{ port: '8080', protocol: 'TCP' }] }],
      { ...tcp8080, protocol: 'UDP' },
      false,
    ],
    [[{ ports: [{ port: '0', protocol: 'TCP' }] }], tcp8080, true],
    [[{ ports: [{ port: '8000', endPort: 9000 }] }], tcp8080, true],
    [[{ ports: [{ port: 'http' }] }], tcp8080, true],
    [[{ ports: [{ port: 'dns', protocol: 'ANY' }] }], udp53, true],
    [
      [{ ports: [{ port: '443' }] }, { ports: [{ port: '8080' }] }],
      tcp8080,
      true,
    ],
    [[{ ports: [{ port: '443' }] }], tcp8080, false],
  ])('%j admits %j: %s', (toPorts, destination, expected) => {
    expect(ciliumPortsAdmit(toPorts, destination)).toBe(expected);
  });
});
