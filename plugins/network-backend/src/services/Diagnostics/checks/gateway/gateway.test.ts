import { ObjectsByKind } from '../../../../testing/FakeKubernetesApi';
import { ClusterCache } from '../../../ClusterCache/ClusterCache';
import { DiagnosticCheck } from '../../DiagnosticCheck';
import { checkContextWithObjects, CheckContextWithObjectsOptions, entityScope } from '../../testing/checkContextWithObjects';
import { gatewayChecks, gatewayListenersCheck, gatewayProgrammedCheck, ingressesCheck, routesAcceptedCheck, routesResolvedRefsCheck } from '.';

const caches: ClusterCache[] = [];
afterEach(() => caches.splice(0).forEach(cache => cache.stop()));

async function run(check: DiagnosticCheck, objects: ObjectsByKind, options?: CheckContextWithObjectsOptions) {
  const { context, cache } = await checkContextWithObjects(objects, options);
  caches.push(cache);
  return check.run(context);
}

const ok = (type: string) => ({ type, status: 'True', reason: type });
const gatewayClass = { metadata: { name: 'cilium' }, spec: { controllerName: 'io.cilium/gateway-controller' }, status: { conditions: [ok('Accepted')] } };
const gateway = (name: string, status: any) => ({
  metadata: { name, namespace: 'network' },
  spec: {
    gatewayClassName: 'cilium',
    listeners: [
      { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } },
      { name: 'https', port: 443, protocol: 'HTTPS', hostname: '*.demo.lab', allowedRoutes: { namespaces: { from: 'All' } } },
    ],
  },
  status,
});
const healthyStatus = {
  addresses: [{ type: 'IPAddress', value: '10.0.2.11' }],
  conditions: [ok('Accepted'), ok('Programmed')],
  listeners: [
    { name: 'http', attachedRoutes: 1, conditions: [ok('Accepted'), ok('ResolvedRefs'), ok('Programmed'), { type: 'Conflicted', status: 'False', reason: 'NoConflicts' }] },
    { name: 'https', attachedRoutes: 2, conditions: [ok('Accepted'), ok('ResolvedRefs'), ok('Programmed')] },
  ],
};
const parentStatus = (name: string, conditions: any[], sectionName?: string) => ({
  parentRef: { name, namespace: 'network', ...(sectionName ? { sectionName } : {}) },
  controllerName: 'io.cilium/gateway-controller',
  conditions,
});
const route = (namespace: string, name: string, hostname: string, backend: string, parents: any[] | undefined, sectionName?: string) => ({
  metadata: { namespace, name },
  spec: {
    parentRefs: [{ name: 'envoy', namespace: 'network', ...(sectionName ? { sectionName } : {}) }],
    hostnames: [hostname],
    rules: [{ backendRefs: [{ name: backend, port: 80 }] }],
  },
  ...(parents ? { status: { parents } } : {}),
});
const service = (namespace: string, name: string) => ({ metadata: { namespace, name }, spec: { type: 'ClusterIP', selector: { app: name }, ports: [{ port: 80 }] } });

describe('gateway checks', () => {
  it('have ids of their category and skip without Gateway API', async () => {
    expect(gatewayChecks.map(check => check.id)).toEqual([
      'gateway.gateways-programmed', 'gateway.listeners', 'gateway.routes-accepted', 'gateway.routes-resolved-refs', 'gateway.ingresses',
    ]);
    for (const check of gatewayChecks.slice(0, 4)) {
      const report = await run(check, { Service: [] });
      expect(report.skippedBecause).toMatch(/gateway\.networking\.k8s\.io/);
    }
    expect((await run(ingressesCheck, { Service: [] })).skippedBecause).toMatch(/Ingress/);
  });
});

describe('gateway.gateways-programmed', () => {
  it('fails a gateway without an address or Programmed=False, warns a pending one, passes a healthy one', async () => {
    const report = await run(gatewayProgrammedCheck, {
      GatewayClass: [gatewayClass],
      Gateway: [
        gateway('healthy', healthyStatus),
        gateway('no-address', { ...healthyStatus, addresses: [] }),
        gateway('no-ip', { conditions: [ok('Accepted'), { type: 'Programmed', status: 'False', reason: 'AddressNotAssigned', message: 'No address assigned' }] }),
        gateway('pending', { conditions: [{ type: 'Accepted', status: 'Unknown', reason: 'Pending', message: 'Waiting for controller' }] }),
        { ...gateway('classless', healthyStatus), spec: { gatewayClassName: 'nginx', listeners: [] } },
      ],
    });
    expect(report.findings.map(finding => `${finding.outcome} ${finding.subject} ${finding.message}`)).toEqual([
      'fail Gateway network/no-address AddressNotAssigned: the gateway is programmed but status.addresses is empty',
      'fail Gateway network/no-ip Programmed False (AddressNotAssigned): No address assigned',
      'warn Gateway network/pending Accepted Unknown (Pending): Waiting for controller',
      'fail Gateway network/classless GatewayClassNotFound: GatewayClass nginx does not exist',
    ]);
    expect(report.findings[1].evidence?.fields).toMatchObject({ 'status.conditions[Programmed]': 'False AddressNotAssigned', 'status.addresses': 'none' });
    expect(report.summary).toBe('4 of 5 gateways not accepted, programmed or addressed');
  });

  it('keeps to the gateways of a namespace scope', async () => {
    const objects = { GatewayClass: [gatewayClass], Gateway: [gateway('broken', { conditions: [] })] };
    expect((await run(gatewayProgrammedCheck, objects, { scope: { kind: 'namespace', namespace: 'media' } })).findings).toEqual([]);
    expect((await run(gatewayProgrammedCheck, objects, { scope: { kind: 'namespace', namespace: 'network' } })).findings).toHaveLength(1);
  });
});

describe('gateway.listeners', () => {
  it('fails a listener with a bad condition, warns one without status, and counts attached routes', async () => {
    const broken = {
      ...healthyStatus,
      listeners: [
        { name: 'https', attachedRoutes: 0, conditions: [ok('Accepted'), { type: 'ResolvedRefs', status: 'False', reason: 'InvalidCertificateRef', message: 'secret network/tls not found' }] },
      ],
    };
    const report = await run(gatewayListenersCheck, { Gateway: [gateway('healthy', healthyStatus), gateway('broken', broken)] });
    expect(report.findings.map(finding => `${finding.outcome} ${finding.subject} ${finding.message}`)).toEqual([
      'warn Gateway network/broken Listener http: no status reported (Pending)',
      'fail Gateway network/broken Listener https: ResolvedRefs False (InvalidCertificateRef): secret network/tls not found',
    ]);
    expect(report.findings[1].evidence?.fields).toMatchObject({ attachedRoutes: '0', 'status.listeners[https].conditions[ResolvedRefs]': 'False InvalidCertificateRef' });
    expect(report.evidence?.fields).toEqual({ 'network/healthy/http': '1', 'network/healthy/https': '2', 'network/broken/http': 'unknown', 'network/broken/https': '0' });
  });

  it('flags Conflicted=True', async () => {
    const conflicted = { ...healthyStatus, listeners: [healthyStatus.listeners[0], { name: 'https', attachedRoutes: 0, conditions: [ok('Accepted'), { type: 'Conflicted', status: 'True', reason: 'HostnameConflict' }] }] };
    const report = await run(gatewayListenersCheck, { Gateway: [gateway('gw', conflicted)] });
    expect(report.findings.map(finding => finding.message)).toEqual(['Listener https: Conflicted True (HostnameConflict)']);
  });
});

describe('gateway.routes-accepted', () => {
  const objects = {
    Namespace: [{ metadata: { name: 'default' } }, { metadata: { name: 'media' } }],
    Gateway: [gateway('envoy', healthyStatus)],
    Service: [service('media', 'jellyfin'), service('default', 'wiki')],
    HTTPRoute: [
      route('media', 'jellyfin', 'jellyfin.demo.lab', 'jellyfin', [parentStatus('envoy', [ok('Accepted'), ok('ResolvedRefs')])]),
      route('default', 'wiki', 'wiki.legacy.lab', 'wiki', [
        parentStatus('envoy', [{ type: 'Accepted', status: 'False', reason: 'NoMatchingListenerHostname', message: 'No matching listener hostname' }, ok('ResolvedRefs')], 'https'),
      ], 'https'),
      route('default', 'fresh', 'other.legacy.lab', 'wiki', undefined, 'https'),
    ],
  };

  it('fails a route the gateway rejected with its reason and the hostnames that decided; warns one without status with the predicted reason', async () => {
    const report = await run(routesAcceptedCheck, objects);
    expect(report.findings.map(finding => `${finding.outcome} ${finding.subject} ${finding.message}`)).toEqual([
      'fail HTTPRoute default/wiki NoMatchingListenerHostname on network/envoy/https: No matching listener hostname',
      'warn HTTPRoute default/fresh Pending on network/envoy/https: no controller has reported Accepted (the rules predict NoMatchingListenerHostname)',
    ]);
    expect(report.findings[0].evidence?.fields).toEqual({
      parentRef: 'network/envoy/https',
      'status.parents[network/envoy/https].conditions[Accepted]': 'False NoMatchingListenerHostname',
      'spec.hostnames': 'wiki.legacy.lab',
      listenerHostnames: 'https:*.demo.lab',
    });
    expect(report.findings[0].evidence?.objects).toContainEqual(expect.objectContaining({ kind: 'Gateway', name: 'envoy' }));
  });

  it('fails a parent gateway that does not exist, and keeps to the entity scope', async () => {
    const orphan = { ...route('media', 'orphan', 'x.demo.lab', 'jellyfin', undefined), spec: { ...route('media', 'orphan', 'x.demo.lab', 'jellyfin', undefined).spec, parentRefs: [{ name: 'gone', namespace: 'network' }] } };
    const report = await run(routesAcceptedCheck, { ...objects, HTTPRoute: [...objects.HTTPRoute, orphan] }, {
      scope: entityScope([{ kind: 'HTTPRoute', namespace: 'media', name: 'orphan' }, { kind: 'HTTPRoute', namespace: 'media', name: 'jellyfin' }]),
    });
    expect(report.findings.map(finding => `${finding.outcome} ${finding.message}`)).toEqual(['fail NoMatchingParent: Gateway network/gone does not exist']);
    expect(report.summary).toBe('1 of 2 route parents not accepted (2 routes)');
  });
});

describe('gateway.routes-resolved-refs', () => {
  it('fails BackendNotFound from the controller with the missing Service as evidence, and predicts it without status', async () => {
    const report = await run(routesResolvedRefsCheck, {
      Gateway: [gateway('envoy', healthyStatus)],
      Service: [service('media', 'jellyfin')],
      HTTPRoute: [
        route('media', 'jellyfin', 'jellyfin.demo.lab', 'jellyfin', [parentStatus('envoy', [ok('Accepted'), ok('ResolvedRefs')])]),
        route('media', 'sonarr', 'sonarr.demo.lab', 'sonarr', [
          parentStatus('envoy', [ok('Accepted'), { type: 'ResolvedRefs', status: 'False', reason: 'BackendNotFound', message: 'Service "sonarr" not found' }]),
        ]),
        route('media', 'radarr', 'radarr.demo.lab', 'radarr', undefined),
      ],
    });
    expect(report.findings.map(finding => `${finding.outcome} ${finding.subject} ${finding.message}`)).toEqual([
      'fail HTTPRoute media/sonarr BackendNotFound on network/envoy: Service "sonarr" not found',
      'fail HTTPRoute media/radarr BackendNotFound: media/radarr not found',
    ]);
    expect(report.findings[0].evidence?.fields).toEqual({
      'spec.rules[].backendRefs': 'Service media/sonarr:80 not found',
      'status.parents[network/envoy].conditions[ResolvedRefs]': 'False BackendNotFound',
    });
    expect(report.findings[0].evidence?.objects).toContainEqual({ apiVersion: 'v1', kind: 'Service', namespace: 'media', name: 'sonarr' });
    expect(report.summary).toBe('2 of 3 routes with unresolved references');
  });

  it('predicts RefNotPermitted for a cross-namespace backend without a ReferenceGrant, and accepts one with it', async () => {
    const crossRoute = (name: string) => ({
      metadata: { namespace: 'media', name },
      spec: { parentRefs: [{ name: 'envoy', namespace: 'network' }], hostnames: [`${name}.demo.lab`], rules: [{ backendRefs: [{ name, namespace: 'shared', port: 80 }] }] },
    });
    const grant = {
      metadata: { namespace: 'shared', name: 'from-media' },
      spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'media' }], to: [{ group: '', kind: 'Service', name: 'allowed' }] },
    };
    const report = await run(routesResolvedRefsCheck, {
      Service: [service('shared', 'allowed'), service('shared', 'denied')],
      HTTPRoute: [crossRoute('allowed'), crossRoute('denied')],
      ReferenceGrant: [grant],
    });
    expect(report.findings.map(finding => `${finding.outcome} ${finding.subject} ${finding.message}`)).toEqual([
      'fail HTTPRoute media/denied RefNotPermitted: no ReferenceGrant lets HTTPRoute media/denied reference shared/denied',
    ]);
    expect(report.findings[0].evidence?.fields?.['spec.rules[].backendRefs']).toBe('Service shared/denied:80 exists, no ReferenceGrant in shared permits HTTPRoute from media');
  });

  it('warns on a rule without backend unless it redirects', async () => {
    const redirect = { metadata: { namespace: 'network', name: 'https-redirect' }, spec: { parentRefs: [{ name: 'envoy' }], rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }] } };
    const empty = { metadata: { namespace: 'network', name: 'empty' }, spec: { parentRefs: [{ name: 'envoy' }], rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }] }] } };
    const report = await run(routesResolvedRefsCheck, { HTTPRoute: [redirect, empty] });
    expect(report.findings.map(finding => `${finding.outcome} ${finding.subject}`)).toEqual(['warn HTTPRoute network/empty']);
  });
});

describe('gateway.ingresses', () => {
  it('fails an ingress without class or address and passes a served one', async () => {
    const ingress = (name: string, className: string, ip?: string) => ({
      metadata: { namespace: 'monitoring', name },
      spec: { ingressClassName: className, rules: [{ host: `${name}.demo.lab` }] },
      status: { loadBalancer: { ingress: ip ? [{ ip }] : [] } },
    });
    const report = await run(ingressesCheck, {
      IngressClass: [{ metadata: { name: 'internal' }, spec: { controller: 'k8s.io/internal' } }],
      Ingress: [ingress('kuma', 'internal', '10.0.2.13'), ingress('typo', 'internl', '10.0.2.13'), ingress('waiting', 'internal')],
    });
    expect(report.findings.map(finding => `${finding.outcome} ${finding.subject} ${finding.message}`)).toEqual([
      'fail Ingress monitoring/typo IngressClassNotFound: IngressClass internl does not exist',
      'fail Ingress monitoring/waiting NoIngressAddress: Controller k8s.io/internal has not published an address',
    ]);
    expect(report.findings[0].evidence?.fields).toMatchObject({ ingressClassName: 'internl', controller: 'none' });
  });
});
