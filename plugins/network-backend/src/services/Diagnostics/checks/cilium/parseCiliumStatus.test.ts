import { parseCiliumStatus } from './parseCiliumStatus';

const never = '0001-01-01T00:00:00.000Z';

// Trimmed from the demo's not-ready agent on talos-worker-1 (models.StatusResponse field names).
const NOT_READY_AGENT = {
  cilium: { state: 'Warning', msg: '1.18.4 (v1.18.4-1a2b3c4d): 2 controller(s) failing' },
  kvstore: { state: 'Disabled', msg: 'Disabled' },
  kubernetes: { state: 'Ok', msg: '1.34 (v1.34.1) [linux/amd64]', 'k8s-api-versions': ['core/v1::Service'] },
  'kube-proxy-replacement': { mode: 'True', features: { nodePort: { enabled: true } } },
  cluster: {
    ciliumHealth: { state: 'Warning', msg: 'Cilium health endpoint is not ready; node-to-node connectivity is unknown' },
    nodes: [{ name: 'demo/talos-cp-1' }, { name: 'demo/talos-worker-1' }],
    self: 'demo/talos-worker-1',
  },
  controllers: [
    {
      name: 'cilium-health-ep',
      configuration: { 'error-retry': true, interval: '60s' },
      status: {
        'success-count': 0,
        'last-success-timestamp': never,
        'failure-count': 3,
        'consecutive-failure-count': 3,
        'last-failure-msg': 'Cilium health endpoint is not ready: health endpoint did not become ready within 1m0s',
      },
    },
    {
      name: 'k8s-heartbeat',
      status: { 'success-count': 40, 'failure-count': 0, 'consecutive-failure-count': 0, 'last-failure-msg': '' },
    },
    {
      name: 'sync-lb-maps-with-k8s-services',
      status: {
        'failure-count': 2,
        'consecutive-failure-count': 1,
        'last-failure-msg': 'Unable to upsert LoadBalancer frontends of service network/cilium-gateway-envoy-external: failed to update BPF map cilium_lb4_services_v2: context deadline exceeded',
      },
    },
  ],
};

describe('parseCiliumStatus', () => {
  it('reads state, cluster health, kube-proxy replacement and failing controllers', () => {
    expect(parseCiliumStatus(JSON.stringify(NOT_READY_AGENT))).toEqual({
      ciliumState: 'Warning',
      ciliumMessage: '1.18.4 (v1.18.4-1a2b3c4d): 2 controller(s) failing',
      kubernetesState: 'Ok',
      kubernetesMessage: '1.34 (v1.34.1) [linux/amd64]',
      clusterHealthState: 'Warning',
      clusterHealthMessage: 'Cilium health endpoint is not ready; node-to-node connectivity is unknown',
      kubeProxyReplacement: 'True',
      failingControllers: [
        {
          name: 'cilium-health-ep',
          consecutiveFailures: 3,
          lastFailureMessage: 'Cilium health endpoint is not ready: health endpoint did not become ready within 1m0s',
        },
        {
          name: 'sync-lb-maps-with-k8s-services',
          consecutiveFailures: 1,
          lastFailureMessage:
            'Unable to upsert LoadBalancer frontends of service network/cilium-gateway-envoy-external: failed to update BPF map cilium_lb4_services_v2: context deadline exceeded',
        },
      ],
      controllerCount: 3,
      nodeCount: 2,
    });
  });

  it('reads a healthy agent of an older version (Strict kube-proxy replacement, no controllers listed)', () => {
    const summary = parseCiliumStatus(
      JSON.stringify({ cilium: { state: 'Ok', msg: '1.14.2' }, cluster: { ciliumHealth: { state: 'Ok', msg: '' } }, 'kube-proxy-replacement': { mode: 'Strict' } }),
    );
    expect(summary).toMatchObject({ ciliumState: 'Ok', clusterHealthState: 'Ok', kubeProxyReplacement: 'Strict', failingControllers: [], controllerCount: 0 });
    expect(summary.nodeCount).toBeUndefined();
  });

  it('refuses output that is not a status response', () => {
    expect(() => parseCiliumStatus('Error: Unable to parse output format "yaml"')).toThrow('did not print JSON: Error: Unable to parse');
    expect(() => parseCiliumStatus('[]')).toThrow('something other than a status response');
  });
});
