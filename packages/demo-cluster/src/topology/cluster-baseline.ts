/**
 * What every Talos + Cilium cluster has, bootstrapped or not: the nodes and their CiliumNodes,
 * the kube-system namespace with the control-plane static pods, Cilium (agent DaemonSet, envoy
 * DaemonSet, operator, cilium-config) and CoreDNS with its kube-dns Service.
 */
import type { KubeObject, ObjectStore } from '../store/types.ts';
import {
  DEMO_CILIUM_VERSION,
  DEMO_CLUSTER_NAME,
  DEMO_DOMAIN,
  DEMO_KUBERNETES_VERSION,
  DEMO_POD_CIDR,
  DEMO_TALOS_VERSION,
  K8S_GATEWAY,
  type DemoNode,
} from './demo-constants.ts';
import {
  configMapManifest,
  daemonSetManifest,
  deploymentManifest,
  namespaceManifest,
  serviceManifest,
} from './manifest-builders.ts';
import type { SeededRandom } from './seeded-random.ts';
import { createSeeded } from './seed-writer.ts';

/** The pod CIDR (data only) of the node at `index`: a /23 per node inside DEMO_POD_CIDR. */
export function nodePodCidr(index: number): string {
  return `10.42.${(index * 2) % 256}.0/23`;
}

/** A Node as the kubelet registers it on Talos. */
export function nodeManifest(node: DemoNode, index: number, random: SeededRandom): KubeObject {
  const isControlPlane = node.role === 'controlplane';
  const hex = '0123456789abcdef';
  const machineId = random.chars(32, hex);
  const systemUuid = `${random.chars(8, hex)}-${random.chars(4, hex)}-${random.chars(4, hex)}-${random.chars(4, hex)}-${random.chars(12, hex)}`;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: node.name,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': node.name,
        'kubernetes.io/os': 'linux',
        ...(isControlPlane
          ? { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' }
          : {}),
      },
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
        'talos.dev/owned-labels': isControlPlane ? '["node-role.kubernetes.io/control-plane"]' : '[]',
      },
    },
    spec: { podCIDR: nodePodCidr(index), podCIDRs: [nodePodCidr(index)] },
    status: {
      addresses: [
        { type: 'InternalIP', address: node.address },
        { type: 'Hostname', address: node.name },
      ],
      capacity: { cpu: '4', 'ephemeral-storage': '61202Mi', memory: '16370620Ki', pods: '110' },
      allocatable: { cpu: '3950m', 'ephemeral-storage': '57475Mi', memory: '15678396Ki', pods: '110' },
      conditions: [
        nodeCondition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        nodeCondition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        nodeCondition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        nodeCondition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: `${random.chars(8, hex)}-${random.chars(4, hex)}-${random.chars(4, hex)}-${random.chars(4, hex)}-${random.chars(12, hex)}`,
        containerRuntimeVersion: 'containerd://2.1.5',
        kernelVersion: '6.12.57-talos',
        kubeProxyVersion: '',
        kubeletVersion: DEMO_KUBERNETES_VERSION,
        machineID: machineId,
        operatingSystem: 'linux',
        osImage: `Talos (${DEMO_TALOS_VERSION})`,
        systemUUID: systemUuid,
      },
    },
  };
}

function nodeCondition(type: string, status: string, reason: string, message: string): Record<string, string> {
  const time = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  return { type, status, reason, message, lastHeartbeatTime: time, lastTransitionTime: time };
}

/** The CiliumNode the agent maintains for a node. */
export function ciliumNodeManifest(node: DemoNode, index: number): KubeObject {
  const cidr = nodePodCidr(index);
  const base = cidr.split('/')[0]!.split('.').map(Number);
  const routerIp = `${base[0]}.${base[1]}.${base[2]}.1`;
  const healthIp = `${base[0]}.${base[1]}.${base[2]}.2`;
  return {
    apiVersion: 'cilium.io/v2',
    kind: 'CiliumNode',
    metadata: {
      name: node.name,
      labels: {
        'kubernetes.io/hostname': node.name,
        'kubernetes.io/os': 'linux',
        ...(node.role === 'controlplane' ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
      },
    },
    spec: {
      addresses: [
        { type: 'InternalIP', ip: node.address },
        { type: 'CiliumInternalIP', ip: routerIp },
      ],
      health: { ipv4: healthIp },
      ingress: {},
      encryption: {},
      eni: {},
      ipam: { podCIDRs: [cidr] },
    },
    status: { ipam: { 'operator-status': {} } },
  };
}

const CILIUM_IMAGE = `quay.io/cilium/cilium:v${DEMO_CILIUM_VERSION}`;

/** Options of the baseline. */
export interface ClusterBaselineOptions {
  nodes: readonly DemoNode[];
  random: SeededRandom;
  allocateClusterIp: (fixed?: string) => string;
}

/** Seeds nodes, kube-system (Cilium, CoreDNS, control-plane pods) and the default namespaces. */
export function seedClusterBaseline(store: ObjectStore, options: ClusterBaselineOptions): void {
  const { nodes, random, allocateClusterIp } = options;
  for (const name of ['default', 'kube-node-lease', 'kube-public']) createSeeded(store, namespaceManifest(name));
  createSeeded(store, namespaceManifest('kube-system', { 'pod-security.kubernetes.io/enforce': 'privileged' }));

  nodes.forEach((node, index) => {
    createSeeded(store, nodeManifest(node, index, random));
    createSeeded(store, ciliumNodeManifest(node, index));
  });

  const controlPlanes = nodes.filter((node) => node.role === 'controlplane');
  seedKubernetesService(store, controlPlanes);
  for (const node of controlPlanes) seedControlPlaneStaticPods(store, node);

  createSeeded(store, ciliumConfigMap());
  const ciliumLabels = { 'k8s-app': 'cilium', 'app.kubernetes.io/name': 'cilium-agent', 'app.kubernetes.io/part-of': 'cilium' };
  const ciliumDaemonSet = daemonSetManifest({ name: 'cilium', namespace: 'kube-system' }, { 'k8s-app': 'cilium' }, ciliumLabels, {
      containerName: 'cilium-agent',
      image: CILIUM_IMAGE,
      hostNetwork: true,
      tolerateEverything: true,
      serviceAccountName: 'cilium',
      ports: [
        { name: 'peer-service', containerPort: 4244 },
        { name: 'prometheus', containerPort: 9962 },
      ],
  });
  // kubectl exec picks the agent container of the multi-container upstream pod through this.
  (ciliumDaemonSet.spec as { template: { metadata: Record<string, unknown> } }).template.metadata.annotations = {
    'kubectl.kubernetes.io/default-container': 'cilium-agent',
  };
  createSeeded(store, ciliumDaemonSet);
  const envoyLabels = { 'k8s-app': 'cilium-envoy', 'app.kubernetes.io/name': 'cilium-envoy', 'app.kubernetes.io/part-of': 'cilium', name: 'cilium-envoy' };
  createSeeded(
    store,
    daemonSetManifest({ name: 'cilium-envoy', namespace: 'kube-system' }, { 'k8s-app': 'cilium-envoy' }, envoyLabels, {
      containerName: 'cilium-envoy',
      image: `quay.io/cilium/cilium-envoy:v1.34.10-1761014632-c360e8557eb41011dfb5210f8fb53fed6c0b3222`,
      hostNetwork: true,
      tolerateEverything: true,
      serviceAccountName: 'cilium-envoy',
      ports: [{ name: 'envoy-metrics', containerPort: 9964 }],
    }),
  );
  const operatorLabels = { 'io.cilium/app': 'operator', name: 'cilium-operator', 'app.kubernetes.io/name': 'cilium-operator', 'app.kubernetes.io/part-of': 'cilium' };
  createSeeded(
    store,
    deploymentManifest(
      { name: 'cilium-operator', namespace: 'kube-system' },
      2,
      { 'io.cilium/app': 'operator', name: 'cilium-operator' },
      operatorLabels,
      {
        containerName: 'cilium-operator',
        image: `quay.io/cilium/operator-generic:v${DEMO_CILIUM_VERSION}`,
        hostNetwork: true,
        tolerateEverything: true,
        serviceAccountName: 'cilium-operator',
        ports: [{ name: 'prometheus', containerPort: 9963 }],
      },
    ),
  );

  createSeeded(store, coreDnsConfigMap());
  createSeeded(
    store,
    deploymentManifest({ name: 'coredns', namespace: 'kube-system' }, 2, { 'k8s-app': 'kube-dns' }, { 'k8s-app': 'kube-dns' }, {
      containerName: 'coredns',
      image: 'registry.k8s.io/coredns/coredns:v1.12.3',
      serviceAccountName: 'coredns',
      ports: [
        { name: 'dns', containerPort: 53, protocol: 'UDP' },
        { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
        { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
      ],
    }),
  );
  createSeeded(
    store,
    serviceManifest(
      {
        name: 'kube-dns',
        namespace: 'kube-system',
        labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
        annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
      },
      {
        selector: { 'k8s-app': 'kube-dns' },
        clusterIP: allocateClusterIp('10.43.0.10'),
        ports: [
          { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' },
          { name: 'dns-tcp', port: 53, targetPort: 53, protocol: 'TCP' },
          { name: 'metrics', port: 9153, targetPort: 9153, protocol: 'TCP' },
        ],
      },
    ),
  );
  createSeeded(
    store,
    serviceManifest(
      { name: 'hubble-peer', namespace: 'kube-system', labels: { 'k8s-app': 'cilium', 'app.kubernetes.io/part-of': 'cilium', 'app.kubernetes.io/name': 'hubble-peer' } },
      {
        selector: { 'k8s-app': 'cilium' },
        clusterIP: allocateClusterIp(),
        ports: [{ name: 'peer-service', port: 443, targetPort: 4244, protocol: 'TCP' }],
      },
    ),
  );
}

function seedKubernetesService(store: ObjectStore, controlPlanes: readonly DemoNode[]): void {
  createSeeded(
    store,
    serviceManifest(
      { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
      { clusterIP: '10.43.0.1', ports: [{ name: 'https', port: 443, targetPort: 6443, protocol: 'TCP' }] },
    ),
  );
  // The API server's own Endpoints are written by the apiserver, not by an endpoints controller.
  createSeeded(store, {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [
      {
        addresses: controlPlanes.map((node) => ({ ip: node.address })),
        ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
      },
    ],
  });
}

/** Mirror pods of the static control-plane pods Talos runs on each control-plane node. */
function seedControlPlaneStaticPods(store: ObjectStore, node: DemoNode): void {
  const components = [
    { name: 'kube-apiserver', image: `registry.k8s.io/kube-apiserver:${DEMO_KUBERNETES_VERSION}`, port: 6443 },
    { name: 'kube-controller-manager', image: `registry.k8s.io/kube-controller-manager:${DEMO_KUBERNETES_VERSION}`, port: 10257 },
    { name: 'kube-scheduler', image: `registry.k8s.io/kube-scheduler:${DEMO_KUBERNETES_VERSION}`, port: 10259 },
  ];
  const started = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  for (const component of components) {
    createSeeded(store, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${component.name}-${node.name}`,
        namespace: 'kube-system',
        labels: { 'k8s-app': component.name, tier: 'control-plane' },
        annotations: { 'kubernetes.io/config.source': 'file', 'kubernetes.io/config.mirror': 'talos' },
        ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.name, uid: '', controller: true }],
      },
      spec: {
        nodeName: node.name,
        hostNetwork: true,
        priorityClassName: 'system-cluster-critical',
        containers: [{ name: component.name, image: component.image, ports: [{ containerPort: component.port, protocol: 'TCP' }] }],
        tolerations: [{ operator: 'Exists' }],
      },
      status: {
        phase: 'Running',
        hostIP: node.address,
        podIP: node.address,
        podIPs: [{ ip: node.address }],
        startTime: started,
        qosClass: 'Burstable',
        conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({
          type,
          status: 'True',
          lastTransitionTime: started,
        })),
        containerStatuses: [
          {
            name: component.name,
            image: component.image,
            imageID: '',
            containerID: `containerd://${component.name.replace(/-/g, '')}${node.name.replace(/-/g, '')}`,
            ready: true,
            started: true,
            restartCount: 0,
            state: { running: { startedAt: started } },
          },
        ],
      },
    });
  }
}

function ciliumConfigMap(): KubeObject {
  return configMapManifest('kube-system', 'cilium-config', {
    'agent-not-ready-taint-key': 'node.cilium.io/agent-not-ready',
    'auto-direct-node-routes': 'true',
    'bpf-lb-algorithm': 'maglev',
    'bpf-lb-mode': 'dsr',
    'bpf-lb-sock': 'false',
    'bpf-masquerade': 'true',
    'cluster-id': '1',
    'cluster-name': DEMO_CLUSTER_NAME,
    'cni-exclusive': 'false',
    'default-lb-service-ipam': 'lbipam',
    devices: 'eth+',
    'enable-bpf-masquerade': 'true',
    'enable-endpoint-routes': 'true',
    'enable-gateway-api': 'true',
    'enable-gateway-api-secrets-sync': 'true',
    'enable-hubble': 'true',
    'enable-ipv4': 'true',
    'enable-ipv4-masquerade': 'true',
    'enable-ipv6': 'false',
    'enable-l2-announcements': 'true',
    'enable-l7-proxy': 'true',
    'enable-lb-ipam': 'true',
    'enable-policy': 'default',
    'external-envoy-proxy': 'true',
    'gateway-api-secrets-namespace': 'cilium-secrets',
    'hubble-listen-address': ':4244',
    ipam: 'kubernetes',
    'ipv4-native-routing-cidr': DEMO_POD_CIDR,
    'k8s-client-burst': '20',
    'k8s-client-qps': '10',
    'k8s-require-ipv4-pod-cidr': 'true',
    'k8s-service-host': 'localhost',
    'k8s-service-port': '7445',
    'kube-proxy-replacement': 'true',
    'kube-proxy-replacement-healthz-bind-address': '0.0.0.0:10256',
    'l2-announcements-lease-duration': '15s',
    'l2-announcements-renew-deadline': '5s',
    'l2-announcements-retry-period': '2s',
    'routing-mode': 'native',
    'tunnel-protocol': 'vxlan',
  }, { 'app.kubernetes.io/managed-by': 'Helm' });
}

function coreDnsConfigMap(): KubeObject {
  return configMapManifest('kube-system', 'coredns', {
    Corefile: [
      '.:53 {',
      '    errors',
      '    health {',
      '        lameduck 5s',
      '    }',
      '    ready',
      '    log . {',
      '        class error',
      '    }',
      '    prometheus :9153',
      '    kubernetes cluster.local in-addr.arpa ip6.arpa {',
      '        pods insecure',
      '        fallthrough in-addr.arpa ip6.arpa',
      '        ttl 30',
      '    }',
      `    forward ${DEMO_DOMAIN} ${K8S_GATEWAY.address}`,
      '    forward . /etc/resolv.conf {',
      '        max_concurrent 1000',
      '    }',
      '    cache 30 {',
      '        disable success cluster.local',
      '        disable denial cluster.local',
      '    }',
      '    loop',
      '    reload',
      '    loadbalance',
      '}',
      '',
    ].join('\n'),
  });
}
