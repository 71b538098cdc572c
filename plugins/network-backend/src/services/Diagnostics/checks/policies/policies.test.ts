import { ObjectsByKind } from '../../../../testing/FakeKubernetesApi';
import { ClusterCache } from '../../../ClusterCache/ClusterCache';
import { DiagnosticCheck } from '../../DiagnosticCheck';
import { checkContextWithObjects, CheckContextWithObjectsOptions, entityScope } from '../../testing/checkContextWithObjects';
import { ciliumPoliciesValidCheck, defaultDenyCheck, dnsEgressCheck, gatewayToPodCheck, policyChecks } from '.';

const caches: ClusterCache[] = [];
afterEach(() => caches.splice(0).forEach(cache => cache.stop()));

async function run(check: DiagnosticCheck, objects: ObjectsByKind, options?: CheckContextWithObjectsOptions) {
  const { context, cache } = await checkContextWithObjects(objects, options);
  caches.push(cache);
  return check.run(context);
}

const namespace = (name: string) => ({ metadata: { name, labels: { 'kubernetes.io/metadata.name': name } } });
const networkPolicy = (ns: string, name: string, spec: any) => ({ metadata: { namespace: ns, name }, spec });
const defaultDeny = (ns: string) => networkPolicy(ns, 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
const dnsAllow = (ns: string, ports = [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }]) =>
  networkPolicy(ns, 'allow-dns-egress', {
    podSelector: {},
    policyTypes: ['Egress'],
    egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports }],
  });
const allowGateway = (ns: string, app: string, port: number) =>
  networkPolicy(ns, `${app}-allow-gateway`, {
    podSelector: { matchLabels: { app } },
    policyTypes: ['Ingress'],
    ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'network' } } }], ports: [{ protocol: 'TCP', port }] }],
  });
const pod = (ns: string, name: string, app: string, port: number) => ({
  metadata: { namespace: ns, name, labels: { app, 'pod-template-hash': name.slice(-3) } },
  spec: { containers: [{ name: 'app', ports: [{ name: 'http', containerPort: port }] }] },
  status: { phase: 'Running', podIP: '10.42.0.9' },
});
const service = (ns: string, name: string, port: number) => ({
  metadata: { namespace: ns, name },
  spec: { type: 'ClusterIP', selector: { app: name }, ports: [{ name: 'http', port, targetPort: 'http' }] },
});
const route = (ns: string, name: string, port: number) => ({
  metadata: { namespace: ns, name },
  spec: { parentRefs: [{ name: 'envoy', namespace: 'network' }], hostnames: [`${name}.demo.lab`], rules: [{ backendRefs: [{ name, port }] }] },
});
const gateway = { metadata: { namespace: 'network', name: 'envoy' }, spec: { gatewayClassName: 'cilium', listeners: [] } };

const cluster: ObjectsByKind = {
  Namespace: ['media', 'default', 'network', 'locked', 'udponly', 'kube-system'].map(namespace),
  NetworkPolicy: [
    defaultDeny('media'), dnsAllow('media'), allowGateway('media', 'jellyfin', 8096),
    defaultDeny('locked'),
    defaultDeny('udponly'), dnsAllow('udponly', [{ protocol: 'UDP', port: 53 }]),
  ],
  CiliumNetworkPolicy: [],
  Gateway: [gateway],
  Pod: [
    pod('media', 'jellyfin-abc', 'jellyfin', 8096), pod('media', 'jellyfin-abd', 'jellyfin', 8096), pod('media', 'sonarr-abc', 'sonarr', 8989),
    pod('default', 'echo-abc', 'echo', 8080), pod('locked', 'vault-abc', 'vault', 8200), pod('udponly', 'big-abc', 'big', 80),
    pod('kube-system', 'coredns-abc', 'kube-dns', 53),
  ],
  Service: [service('media', 'jellyfin', 8096), service('media', 'sonarr', 8989), service('default', 'echo', 8080)],
  HTTPRoute: [route('media', 'jellyfin', 8096), route('media', 'sonarr', 8989), route('default', 'echo', 8080)],
};

describe('policy checks', () => {
  it('have ids of their category and skip without any policy API', async () => {
    expect(policyChecks.map(check => check.id)).toEqual(['policies.default-deny', 'policies.gateway-to-pod', 'policies.dns-egress', 'policies.cilium-policies-valid']);
    for (const check of policyChecks) expect((await run(check, { Pod: [] })).skippedBecause).toBeTruthy();
  });
});

describe('policies.default-deny', () => {
  it('warns on namespaces without default-deny (kube-* left out) and names what is there', async () => {
    const report = await run(defaultDenyCheck, cluster);
    expect(report.findings.map(finding => `${finding.outcome} ${finding.subject} ${finding.message}`)).toEqual([
      'warn Namespace default NoDefaultDenyPolicy: no policy puts the pods of default into ingress default-deny',
      'warn Namespace network NoDefaultDenyPolicy: no policy puts the pods of network into ingress default-deny',
    ]);
    expect(report.findings[0].evidence?.fields).toEqual({ policies: 'none', pods: '1', egressDefaultDeny: 'none' });
    expect(report.summary).toBe('2 of 5 namespaces without default-deny');
  });

  it('accepts a CiliumNetworkPolicy default-deny and keeps to the entity namespaces', async () => {
    const cilium = { metadata: { namespace: 'default', name: 'default-deny' }, spec: { endpointSelector: {}, ingress: [{}], egress: [{}] } };
    const report = await run(defaultDenyCheck, { ...cluster, CiliumNetworkPolicy: [cilium] }, { scope: entityScope([{ kind: 'Service', namespace: 'default', name: 'echo' }]) });
    expect(report).toMatchObject({ findings: [], summary: '1 namespace, all with default-deny' });
    const media = await run(defaultDenyCheck, cluster, { scope: { kind: 'namespace', namespace: 'media' } });
    expect(media.findings).toEqual([]);
  });
});

describe('policies.gateway-to-pod', () => {
  it('fails a route whose backend pods do not admit the gateway on the pod port, passes allowed and unisolated ones', async () => {
    const report = await run(gatewayToPodCheck, cluster);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({
      outcome: 'fail',
      subject: 'HTTPRoute media/sonarr',
      message: 'PolicyDenied: gateway network/envoy -> pods of Service media/sonarr on TCP/8989: denied: default-deny selects the pod and no rule admits TCP/8989 from entity ingress',
    });
    expect(report.findings[0].evidence?.fields).toEqual({
      sender: 'gateway network/envoy', pod: 'media/sonarr-abc', port: '8989', verdict: 'not-admitted', policies: 'NetworkPolicy/default-deny',
    });
    expect(report.summary).toBe('1 of 3 gateway-to-pod paths denied by policy');
  });

  it('groups the routes one namespace policy denies into one finding', async () => {
    const report = await run(gatewayToPodCheck, {
      ...cluster,
      Pod: [...(cluster.Pod ?? []), pod('media', 'radarr-abc', 'radarr', 8989)],
      Service: [...(cluster.Service ?? []), service('media', 'radarr', 8989)],
      HTTPRoute: [...(cluster.HTTPRoute ?? []), route('media', 'radarr', 8989)],
    });
    expect(report.findings.map(finding => finding.subject)).toEqual(['2 routes to media via gateway network/envoy']);
    expect(report.findings[0].message).toMatch(/^PolicyDenied: gateway network\/envoy -> pods of 2 Services in media on TCP\/8989: /);
    expect(report.findings[0].evidence?.fields).toMatchObject({ pods: 'media/sonarr-abc, media/radarr-abc', routes: 'HTTPRoute media/sonarr, HTTPRoute media/radarr' });
    expect(report.summary).toBe('2 of 4 gateway-to-pod paths denied by policy');
  });

  it('checks an ingress controller as the sender and keeps to the entity scope', async () => {
    const controller = {
      metadata: { namespace: 'network', name: 'ingress-nginx' },
      spec: { type: 'LoadBalancer', selector: { 'app.kubernetes.io/name': 'ingress-nginx' }, ports: [{ port: 443 }] },
      status: { loadBalancer: { ingress: [{ ip: '10.0.2.13' }] } },
    };
    const ingress = {
      metadata: { namespace: 'media', name: 'sonarr' },
      spec: { ingressClassName: 'internal', rules: [{ host: 'sonarr.demo.lab', http: { paths: [{ path: '/', backend: { service: { name: 'sonarr', port: { name: 'http' } } } }] } }] },
      status: { loadBalancer: { ingress: [{ ip: '10.0.2.13' }] } },
    };
    const report = await run(gatewayToPodCheck, { ...cluster, Service: [...(cluster.Service ?? []), controller], Ingress: [ingress] }, {
      scope: entityScope([{ kind: 'Ingress', namespace: 'media', name: 'sonarr' }, { kind: 'HTTPRoute', namespace: 'media', name: 'jellyfin' }]),
    });
    expect(report.findings.map(finding => `${finding.subject}: ${finding.evidence?.fields?.sender} ${finding.evidence?.fields?.port}`)).toEqual([
      'Ingress media/sonarr: ingress controller network/ingress-nginx 8989',
    ]);
  });
});

describe('policies.dns-egress', () => {
  it('fails workloads whose egress blocks DNS, warns TCP-only blocks, groups pods of one workload', async () => {
    const report = await run(dnsEgressCheck, cluster);
    expect(report.findings.map(finding => `${finding.outcome} ${finding.subject} ${finding.message.split(':')[0]}`)).toEqual([
      'fail Pods {app=vault} in locked DnsEgressDenied',
      'warn Pods {app=big} in udponly DnsTcpEgressDenied',
    ]);
    expect(report.findings[0].evidence?.fields).toMatchObject({ 'udp/53': 'not-admitted', 'tcp/53': 'not-admitted', policies: 'NetworkPolicy/default-deny', pods: 'vault-abc' });
    // jellyfin's two pods are one workload; kube-system is left out.
    expect(report.summary).toBe('2 of 5 workloads with DNS egress blocked');
  });

  it('groups the workloads one namespace policy blocks into one finding', async () => {
    const report = await run(dnsEgressCheck, { ...cluster, Pod: [...(cluster.Pod ?? []), pod('locked', 'kms-abc', 'kms', 9000)] });
    const locked = report.findings.filter(finding => finding.subject.endsWith(' in locked'));
    expect(locked.map(finding => `${finding.outcome} ${finding.subject}`)).toEqual(['fail 2 workloads in locked']);
    expect(locked[0].message).toMatch(/^DnsEgressDenied: 2 workloads: DNS egress blocked: /);
    expect(locked[0].evidence?.fields).toMatchObject({ workloads: '{app=vault}, {app=kms}', pods: 'vault-abc, kms-abc' });
    expect(report.summary).toBe('3 of 6 workloads with DNS egress blocked');
  });

  it('keeps to the pods of an entity', async () => {
    const report = await run(dnsEgressCheck, cluster, { scope: entityScope([{ kind: 'Pod', namespace: 'media', name: 'jellyfin-abc' }]) });
    expect(report).toMatchObject({ findings: [], summary: '1 workload, all may query cluster DNS' });
  });
});

describe('policies.cilium-policies-valid', () => {
  it('fails a policy the agent rejected', async () => {
    const report = await run(ciliumPoliciesValidCheck, {
      CiliumNetworkPolicy: [
        { metadata: { namespace: 'home', name: 'bad' }, spec: {}, status: { conditions: [{ type: 'Valid', status: 'False', reason: 'InvalidSpec', message: 'Invalid CiliumNetworkPolicy spec: rule must have one of Ingress, IngressDeny, Egress, EgressDeny' }] } },
        { metadata: { namespace: 'home', name: 'good' }, spec: {}, status: { conditions: [{ type: 'Valid', status: 'True', reason: 'Valid' }] } },
      ],
      CiliumClusterwideNetworkPolicy: [],
    });
    expect(report.findings.map(finding => `${finding.outcome} ${finding.subject} ${finding.message.split(':')[0]}`)).toEqual(['fail CiliumNetworkPolicy home/bad InvalidSpec']);
  });
});
