import { ServiceSpec } from './serviceSpec';

/** A valid spec shaped like the demo cluster (envoy-internal, Cilium, *.demo.lab); tests override parts. */
export function exampleServiceSpec(
  overrides: Partial<ServiceSpec> = {},
): ServiceSpec {
  return {
    name: 'hello',
    namespace: 'apps',
    owner: 'group:default/app-team',
    system: 'home-lab',
    description: 'Says hello',
    image: 'ghcr.io/example/hello:1.0.0',
    port: 8080,
    replicas: 2,
    exposure: 'internal',
    routing: {
      kind: 'gateway',
      internal: {
        name: 'envoy-internal',
        namespace: 'network',
        listener: 'https',
      },
      public: {
        name: 'envoy-external',
        namespace: 'network',
        listener: 'https',
      },
    },
    hostname: 'hello.demo.lab',
    tls: { kind: 'gateway-wildcard' },
    policy: {
      flavour: 'ciliumnetworkpolicy',
      proxy: { kind: 'cilium' },
      extraEgress: [],
    },
    dns: { kind: 'annotations', prefix: 'external-dns.kubernetes.io/' },
    ...overrides,
  };
}
