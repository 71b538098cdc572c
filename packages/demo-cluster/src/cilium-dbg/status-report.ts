/**
 * `cilium-dbg status`: the agent's models.StatusResponse (for `-o json`) and the text report
 * rendered from it. Health follows the cluster: an agent whose pod is not ready reports a
 * failing health endpoint controller and a Warning health daemon; the others report the
 * nodes whose agents are down as unreachable.
 */
import { DEMO_CILIUM_VERSION, DEMO_CLUSTER_NAME, DEMO_KUBERNETES_VERSION } from '../topology/demo-constants.ts';
import { KEYS } from '../topology/resource-keys.ts';
import { parseCidr } from '../controllers/ipv4-ranges.ts';
import { agentReadinessByNode, readAll, type AgentView } from './agent-view.ts';
import { listOf, recordOf } from '../controllers/object-fields.ts';

const CILIUM_COMMIT = '1a2b3c4d';

/** Controllers every agent runs, with their resync intervals in seconds (0: on demand). */
const AGENT_CONTROLLERS: readonly [string, number][] = [
  ['bpf-map-sync-cilium_lxc', 0],
  ['cilium-health-ep', 60],
  ['dns-garbage-collector-job', 60],
  ['endpoint-gc', 300],
  ['ipcache-inject-labels', 0],
  ['k8s-heartbeat', 30],
  ['link-cache', 15],
  ['node-neighbor-link-updater', 30],
  ['resolve-identity-1', 0],
  ['restoring-ep-identity (1)', 0],
  ['sync-host-ips', 60],
  ['sync-lb-maps-with-k8s-services', 0],
  ['sync-policymap-1', 900],
  ['sync-to-k8s-ciliumendpoint (1)', 10],
  ['sync-utime', 60],
  ['template-dir-watcher', 0],
];

/** The controller that fails on an agent that is not ready. */
export const FAILING_CONTROLLER = 'cilium-health-ep';
/** The controller that fails while the agent's service table is stale. */
const LB_SYNC_CONTROLLER = 'sync-lb-maps-with-k8s-services';
const FAILING_MESSAGE = 'Cilium health endpoint is not ready: health endpoint did not become ready within 1m0s';

const ZERO_TIME = '0001-01-01T00:00:00.000Z';

const iso = (date: Date): string => date.toISOString();

function ago(from: Date, to: Date): string {
  const seconds = Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${seconds % 60}s ago`;
  return `${Math.floor(seconds / 3600)}h${Math.floor((seconds % 3600) / 60)}m${seconds % 60}s ago`;
}

interface ControllerStatus {
  name: string;
  'uuid': string;
  configuration: { 'error-retry': boolean; interval?: string };
  status: {
    'success-count': number;
    'last-success-timestamp': string;
    'failure-count': number;
    'consecutive-failure-count': number;
    'last-failure-timestamp': string;
    'last-failure-msg': string;
  };
}

function controllers(agent: AgentView, now: Date): ControllerStatus[] {
  const uptime = Math.max(1, (now.getTime() - agent.startedAt.getTime()) / 1000);
  const unprogrammed = [...agent.unprogrammedServices];
  return AGENT_CONTROLLERS.map(([name, interval], index) => {
    const failureMessage =
      !agent.ready && name === FAILING_CONTROLLER
        ? FAILING_MESSAGE
        : unprogrammed.length > 0 && name === LB_SYNC_CONTROLLER
          ? `Unable to upsert LoadBalancer frontends of service ${unprogrammed.join(', ')}: failed to update BPF map cilium_lb4_services_v2: context deadline exceeded`
          : undefined;
    const failing = failureMessage !== undefined;
    const runs = interval > 0 ? Math.max(1, Math.floor(uptime / interval)) : 1;
    const uuid = `${(0x1f2e3d4c + index * 7919).toString(16)}-${(0x1a2b + index).toString(16)}-4c${index.toString(16).padStart(2, '0')}-9d8e-${(0xabcdef012345 + index * 131).toString(16)}`;
    return {
      name,
      uuid,
      configuration: { 'error-retry': true, ...(interval > 0 ? { interval: `${interval}s` } : {}) },
      status: failing
        ? {
            'success-count': 0,
            'last-success-timestamp': ZERO_TIME,
            'failure-count': runs,
            'consecutive-failure-count': runs,
            'last-failure-timestamp': iso(new Date(now.getTime() - 5000)),
            'last-failure-msg': failureMessage,
          }
        : {
            'success-count': runs,
            'last-success-timestamp': iso(new Date(now.getTime() - ((index * 3) % Math.max(1, interval || 30)) * 1000)),
            'failure-count': 0,
            'consecutive-failure-count': 0,
            'last-failure-timestamp': ZERO_TIME,
            'last-failure-msg': '',
          },
    };
  });
}

/** The models.StatusResponse of the agent. */
export function statusResponse(agent: AgentView, now: Date = new Date()): Record<string, unknown> {
  const config = agent.config;
  const readiness = agentReadinessByNode(agent.store);
  const ciliumNodes = readAll(agent.store, KEYS.ciliumNode);
  const podCidr = String((agent.node?.spec as { podCIDR?: string } | undefined)?.podCIDR ?? '');
  const range = parseCidr(podCidr);
  const routerIp = range ? `${podCidr.split('.').slice(0, 3).join('.')}.1` : '';
  const allocations: Record<string, string> = {};
  if (routerIp) allocations[routerIp] = 'router';
  const self = ciliumNodes.find((node) => node.metadata.name === agent.nodeName);
  const healthIp = recordOf<{ ipv4: string }>(recordOf<{ health: unknown }>(self?.spec).health).ipv4;
  if (healthIp) allocations[healthIp] = 'health';
  for (const pod of readAll(agent.store, KEYS.pod)) {
    const spec = pod.spec as { nodeName?: string; hostNetwork?: boolean } | undefined;
    const ip = (pod.status as { podIP?: unknown } | undefined)?.podIP;
    if (spec?.nodeName === agent.nodeName && !spec.hostNetwork && typeof ip === 'string' && ip) allocations[ip] = `${pod.metadata.namespace}/${pod.metadata.name}`;
  }
  const capacity = range ? range.last - range.first - 1 : 0;
  const kubeProxyReplacement = config['kube-proxy-replacement'] === 'true';
  const controllerList = controllers(agent, now);
  const healthy = agent.ready;
  const devices = [{ name: 'eth0', ip: [agent.nodeAddress], 'direct-routing': true }];
  return {
    cilium: healthy
      ? { state: 'Ok', msg: `${DEMO_CILIUM_VERSION} (v${DEMO_CILIUM_VERSION}-${CILIUM_COMMIT})` }
      : { state: 'Warning', msg: `${DEMO_CILIUM_VERSION} (v${DEMO_CILIUM_VERSION}-${CILIUM_COMMIT}): ${controllerList.filter((controller) => controller.status['consecutive-failure-count'] > 0).length} controller(s) failing` },
    kvstore: { state: 'Disabled', msg: 'Disabled' },
    'container-runtime': { state: 'Ok', msg: 'containerd' },
    'cni-file': { state: 'Ok', msg: 'successfully wrote CNI configuration file to /host/etc/cni/net.d/05-cilium.conflist' },
    'cni-chaining': { mode: config['cni-chaining-mode'] ?? 'none' },
    kubernetes: {
      state: 'Ok',
      msg: `${DEMO_KUBERNETES_VERSION.replace(/^v(\d+\.\d+).*$/, '$1')} (${DEMO_KUBERNETES_VERSION}) [linux/amd64]`,
      'k8s-api-versions': [
        'EndpointSliceOrEndpoint',
        'cilium/v2::CiliumClusterwideNetworkPolicy',
        'cilium/v2::CiliumEndpoint',
        'cilium/v2::CiliumNetworkPolicy',
        'cilium/v2::CiliumNode',
        'cilium/v2alpha1::CiliumCIDRGroup',
        'core/v1::Namespace',
        'core/v1::Pods',
        'core/v1::Service',
        'networking.k8s.io/v1::NetworkPolicy',
      ],
    },
    'kube-proxy-replacement': {
      mode: kubeProxyReplacement ? 'True' : 'False',
      devices,
      deviceList: devices,
      directRoutingDevice: 'eth0',
      features: {
        nodePort: { enabled: kubeProxyReplacement, mode: (config['bpf-lb-mode'] ?? 'snat').toUpperCase(), algorithm: (config['bpf-lb-algorithm'] ?? 'random').replace(/^./, (c) => c.toUpperCase()), acceleration: 'Disabled', portMin: 30000, portMax: 32767 },
        hostPort: { enabled: kubeProxyReplacement },
        externalIPs: { enabled: kubeProxyReplacement },
        hostReachableServices: { enabled: true, protocols: ['TCP', 'UDP'] },
        sessionAffinity: { enabled: true },
        gracefulTermination: { enabled: true },
        socketLB: { enabled: config['bpf-lb-sock'] === 'true' },
        bpfSocketLBHostnsOnly: false,
      },
    },
    'host-firewall': { mode: 'Disabled' },
    'bandwidth-manager': { enabled: false },
    'bpf-maps': { 'dynamic-size-ratio': 0.0025, maps: [{ name: 'cilium_lb4_services_v2', size: 65536 }, { name: 'cilium_lb4_backends_v3', size: 65536 }] },
    masquerading: {
      enabled: config['enable-ipv4-masquerade'] !== 'false',
      mode: config['enable-bpf-masquerade'] === 'true' ? 'BPF' : 'IPTables',
      'snat-exclusion-cidr-v4': config['ipv4-native-routing-cidr'] ?? '',
      enabledProtocols: { ipv4: true, ipv6: false },
    },
    routing: {
      'intra-host-routing-mode': 'BPF',
      'inter-host-routing-mode': config['routing-mode'] === 'native' ? 'Native' : 'Tunnel',
      'tunnel-protocol': config['tunnel-protocol'] ?? 'vxlan',
    },
    'attach-mode': 'tcx',
    'datapath-mode': 'veth',
    encryption: { mode: 'Disabled' },
    ipam: {
      ipv4: Object.keys(allocations),
      allocations,
      'ipam-mode': config.ipam ?? 'kubernetes',
      status: `IPv4: ${Object.keys(allocations).length}/${capacity} allocated from ${podCidr}`,
    },
    'ipv4-big-tcp': { enabled: false },
    'ipv6-big-tcp': { enabled: false },
    nodeMonitor: { cpus: 4, npages: 64, pagesize: 4096, lost: 0, unknown: 0 },
    proxy: { ip: routerIp, 'port-range': '10000-20000', 'envoy-deployment-mode': config['external-envoy-proxy'] === 'true' ? 'external' : 'embedded', 'total-redirects': 0, 'total-ports': 0 },
    hubble: {
      state: config['enable-hubble'] === 'true' ? 'Ok' : 'Disabled',
      msg: '',
      observer: { 'current-flows': 4095, 'max-flows': 4095, 'seen-flows': Math.floor((now.getTime() - agent.startedAt.getTime()) / 50) + 4095, uptime: `${Math.round((now.getTime() - agent.startedAt.getTime()) / 1000)}s` },
      metrics: { state: 'Disabled' },
    },
    'identity-range': { 'min-identity': 256, 'max-identity': 65535 },
    stale: {},
    controllers: controllerList,
    cluster: {
      ciliumHealth: healthy
        ? { state: 'Ok', msg: '' }
        : { state: 'Warning', msg: 'Cilium health endpoint is not ready; node-to-node connectivity is unknown' },
      nodes: ciliumNodes
        .map((node) => {
          const spec = recordOf<{ addresses: unknown; health: { ipv4?: string } }>(node.spec);
          const primary = listOf<{ type: string; ip: string }>(spec.addresses).find((address) => address.type === 'InternalIP')?.ip ?? '';
          return {
            name: `${DEMO_CLUSTER_NAME}/${node.metadata.name}`,
            'primary-address': { ipv4: { ip: primary, enabled: true } },
            'health-endpoint-address': { ipv4: { ip: recordOf<{ ipv4: string }>(spec.health).ipv4 ?? '', enabled: true } },
            source: node.metadata.name === agent.nodeName ? 'local' : 'custom-resource',
          };
        })
        .sort((a, b) => a.name.localeCompare(b.name)),
      self: `${DEMO_CLUSTER_NAME}/${agent.nodeName}`,
    },
  };
}

/** The text report of `cilium-dbg status` (`verbose` lists every controller and node). */
export function renderStatus(agent: AgentView, verbose: boolean, now: Date = new Date()): string {
  const status = statusResponse(agent, now) as Record<string, any>;
  const lines: [string, string][] = [];
  const add = (label: string, value: string): void => {
    lines.push([`${label}:`, value]);
  };
  const devices = (status['kube-proxy-replacement'].devices as { name: string; ip: string[] }[])
    .map((device) => `${device.name}   ${device.ip.join(' ')} (Direct Routing)`)
    .join(', ');
  add('KVStore', `${status.kvstore.state}   ${status.kvstore.msg}`);
  add('Kubernetes', `${status.kubernetes.state}   ${status.kubernetes.msg}`);
  add('Kubernetes APIs', `[${(status.kubernetes['k8s-api-versions'] as string[]).map((api) => `"${api}"`).join(', ')}]`);
  add('KubeProxyReplacement', `${status['kube-proxy-replacement'].mode}   [${devices}]`);
  add('Host firewall', 'Disabled');
  add('SRv6', 'Disabled');
  add('CNI Chaining', status['cni-chaining'].mode);
  add('CNI Config file', status['cni-file'].msg);
  add('Cilium', `${status.cilium.state}   ${status.cilium.msg}`);
  add('NodeMonitor', `Listening for events on ${status.nodeMonitor.cpus} CPUs with ${status.nodeMonitor.npages}x${status.nodeMonitor.pagesize} of shared memory`);
  add('Cilium health daemon', `${status.cluster.ciliumHealth.state}   ${status.cluster.ciliumHealth.msg}`.trimEnd());
  add('IPAM', `${status.ipam.status},`);
  add('IPv4 BIG TCP', 'Disabled');
  add('IPv6 BIG TCP', 'Disabled');
  add('BandwidthManager', 'Disabled');
  add('Routing', `Network: ${status.routing['inter-host-routing-mode']}   Host: ${status.routing['intra-host-routing-mode']}`);
  add('Attach Mode', 'TCX');
  add('Device Mode', 'veth');
  add('Masquerading', `${status.masquerading.mode}   [eth0]   ${status.masquerading['snat-exclusion-cidr-v4']} [IPv4: Enabled, IPv6: Disabled]`);

  const controllerList = status.controllers as ControllerStatus[];
  const failing = controllerList.filter((controller) => controller.status['consecutive-failure-count'] > 0);
  add('Controller Status', `${controllerList.length - failing.length}/${controllerList.length} healthy`);
  const controllerLines: string[] = [];
  const shown = verbose ? controllerList : failing;
  if (shown.length > 0) {
    const nameWidth = Math.max(...shown.map((controller) => controller.name.length)) + 3;
    controllerLines.push(`  ${'Name'.padEnd(nameWidth)}${'Last success'.padEnd(17)}${'Last error'.padEnd(15)}${'Count'.padEnd(8)}Message`);
    for (const controller of shown) {
      const lastSuccess = controller.status['last-success-timestamp'] === ZERO_TIME ? 'never' : ago(new Date(controller.status['last-success-timestamp']), now);
      const lastError = controller.status['last-failure-timestamp'] === ZERO_TIME ? 'never' : ago(new Date(controller.status['last-failure-timestamp']), now);
      const count = controller.status['consecutive-failure-count'] > 0 ? controller.status['consecutive-failure-count'] : controller.status['success-count'];
      const message = controller.status['last-failure-msg'] || 'no error';
      controllerLines.push(`  ${controller.name.padEnd(nameWidth)}${lastSuccess.padEnd(17)}${lastError.padEnd(15)}${String(count).padEnd(8)}${message}`);
    }
  }
  const proxy = status.proxy;
  const hubble = status.hubble;
  const afterControllers: [string, string][] = [
    ['Proxy Status:', `OK, ip ${proxy.ip}, ${proxy['total-redirects']} redirects active on ports ${proxy['port-range']}, Envoy: ${proxy['envoy-deployment-mode']}`],
    ['Global Identity Range:', `min ${status['identity-range']['min-identity']}, max ${status['identity-range']['max-identity']}`],
    ['Hubble:', `${hubble.state}   Current/Max Flows: ${hubble.observer['current-flows']}/${hubble.observer['max-flows']} (100.00%), Flows/s: 20.00   Metrics: Disabled`],
    ['Encryption:', 'Disabled'],
  ];
  // Reachability comes from the health probes (`cilium-health status`), not the StatusResponse:
  // agents that are down do not answer, and an agent without a health endpoint reaches no one.
  const readiness = agentReadinessByNode(agent.store);
  const nodes = (status.cluster.nodes as { name: string; 'primary-address': { ipv4: { ip: string } } }[]).map((node) => {
    const nodeName = node.name.slice(node.name.indexOf('/') + 1);
    return { ...node, reachable: agent.ready ? (readiness.get(nodeName) ?? false) : nodeName === agent.nodeName };
  });
  const reachable = nodes.filter((node) => node.reachable).length;
  afterControllers.push(['Cluster health:', `${reachable}/${nodes.length} reachable   (${iso(new Date(now.getTime() - 42_000)).replace(/\.\d+Z$/, 'Z')})   (Probe interval: 1m30s)`]);
  const unreachable = nodes.filter((node) => !node.reachable);
  const healthLines: string[] = [];
  if (unreachable.length > 0 || verbose) {
    healthLines.push(`  Name${' '.repeat(30)}IP              Node          Endpoints`);
    for (const node of verbose ? nodes : unreachable) {
      const ok = node.reachable;
      const nodeName = node.name.endsWith(`/${agent.nodeName}`) ? `${node.name} (localhost)` : node.name;
      healthLines.push(`  ${nodeName.padEnd(34)}${node['primary-address'].ipv4.ip.padEnd(16)}${(ok ? '1/1' : '0/1').padEnd(14)}${ok ? '1/1' : '0/1'}`);
      if (!ok) {
        healthLines.push('    Details:              node is unreachable');
        healthLines.push(`    Last probe:           ${iso(new Date(now.getTime() - 42_000)).replace(/\.\d+Z$/, 'Z')}`);
      }
    }
  }
  afterControllers.push(['Modules Health:', agent.ready ? 'Stopped(0) Degraded(0) OK(62)' : 'Stopped(0) Degraded(2) OK(60)']);

  const width = 25;
  const out: string[] = lines.map(([label, value]) => `${label.padEnd(width)}${value}`);
  out.push(...controllerLines);
  for (const [label, value] of afterControllers) {
    out.push(`${label.padEnd(width)}${value}`);
    if (label === 'Cluster health:') out.push(...healthLines);
  }
  return `${out.join('\n')}\n`;
}
