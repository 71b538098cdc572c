import { cacheWithObjects } from '../../testing/FakeKubernetesApi';
import { gatewayListenerHop, gatewayParentsOf, gatewayService, routeHop } from './gatewayHops';

const condition = (type: string, status: string, reason: string, message?: string) => ({ type, status, reason, message });
const gateway = (conditions: any[], listenerConditions: any[] = []) => ({
  metadata: { name: 'gw', namespace: 'network' },
  spec: {
    gatewayClassName: 'cilium',
    listeners: [
      { name: 'http', port: 80, protocol: 'HTTP', hostname: '*.example.com' },
      { name: 'https', port: 443, protocol: 'HTTPS', hostname: '*.example.com' },
    ],
  },
  status: {
    addresses: [{ type: 'IPAddress', value: '192.168.1.70' }],
    conditions,
    listeners: [{ name: 'https', attachedRoutes: 3, conditions: listenerConditions }],
  },
});
const healthy = [condition('Accepted', 'True', 'Accepted'), condition('Programmed', 'True', 'Programmed')];
const route = (parentStatus?: any[]) => ({
  metadata: { name: 'app', namespace: 'apps' },
  spec: { hostnames: ['app.example.com'], parentRefs: [{ name: 'gw', namespace: 'network', sectionName: 'https' }] },
  status: parentStatus ? { parents: [{ parentRef: { name: 'gw', namespace: 'network', sectionName: 'https' }, controllerName: 'io.cilium/gateway-controller', conditions: parentStatus }] } : undefined,
});

describe('gatewayListenerHop', () => {
  it.each([
    ['a programmed gateway with a matching listener', gateway(healthy), 'app.example.com', 'ok', undefined],
    ['a gateway not programmed', gateway([condition('Accepted', 'True', 'Accepted'), condition('Programmed', 'False', 'AddressNotAssigned', 'No address')]), 'app.example.com', 'failing', 'AddressNotAssigned'],
    ['a listener in conflict', gateway(healthy, [condition('Conflicted', 'True', 'HostnameConflict')]), 'app.example.com', 'failing', 'HostnameConflict'],
    ['a listener with an unresolved certificate', gateway(healthy, [condition('ResolvedRefs', 'False', 'InvalidCertificateRef')]), 'app.example.com', 'failing', 'InvalidCertificateRef'],
    ['no listener serving the hostname', gateway(healthy), 'app.other.org', 'warning', 'NoMatchingListenerHostname'],
  ])('%s', async (_name, gw, hostname, state, reason) => {
    const { cache } = await cacheWithObjects({ Gateway: [gw] });
    const hop = gatewayListenerHop(cache, route(), gatewayParentsOf(route())[0], hostname);
    expect(hop).toMatchObject({ kind: 'gateway-listener', id: 'gateway-listener:network/gw/https', state });
    expect(hop.reason).toBe(reason);
    cache.stop();
  });

  it('fails with GatewayNotFound when the parent does not exist', async () => {
    const { cache } = await cacheWithObjects({ Gateway: [] });
    expect(gatewayListenerHop(cache, route(), gatewayParentsOf(route())[0], 'app.example.com')).toMatchObject({ state: 'failing', reason: 'GatewayNotFound' });
    cache.stop();
  });

  it("finds the gateway's LoadBalancer Service by Cilium's label", async () => {
    const service = { metadata: { name: 'cilium-gateway-gw', namespace: 'network', labels: { 'io.cilium.gateway/owning-gateway': 'gw' } }, spec: { type: 'LoadBalancer' } };
    const { cache } = await cacheWithObjects({ Gateway: [gateway(healthy)], Service: [service] });
    expect(gatewayService(cache, cache.get('Gateway', 'network', 'gw')).metadata.name).toBe('cilium-gateway-gw');
    cache.stop();
  });
});

describe('routeHop', () => {
  it.each([
    ['accepted and resolved', [condition('Accepted', 'True', 'Accepted'), condition('ResolvedRefs', 'True', 'ResolvedRefs')], 'ok', 'Accepted'],
    ['not allowed by the listeners', [condition('Accepted', 'False', 'NotAllowedByListeners'), condition('ResolvedRefs', 'True', 'ResolvedRefs')], 'failing', 'NotAllowedByListeners'],
    ['a backend in another namespace without a grant', [condition('Accepted', 'True', 'Accepted'), condition('ResolvedRefs', 'False', 'RefNotPermitted')], 'failing', 'RefNotPermitted'],
    ['pending', [condition('Accepted', 'Unknown', 'Pending')], 'unknown', 'Pending'],
    ['no status at all', undefined, 'unknown', 'NoStatus'],
  ])('%s', (_name, conditions, state, reason) => {
    const hop = routeHop('HTTPRoute', route(conditions), gatewayParentsOf(route())[0]);
    expect(hop).toMatchObject({ id: 'route:apps/app', state, reason });
    expect(Boolean(hop.fixHint)).toBe(state !== 'ok');
  });
});
