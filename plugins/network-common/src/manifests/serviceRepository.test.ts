import {
  isDnsEgressAllowed,
  isEgressAllowed,
  isIngressAllowed,
  PolicyObject,
} from '../policies';
import { renderServiceRepository } from './serviceRepository';
import { ServiceSpec } from './serviceSpec';
import { exampleServiceSpec } from './testServiceSpec';

const internalGateway = {
  name: 'envoy-internal',
  namespace: 'network',
  listener: 'https',
};
const publicGateway = {
  name: 'envoy-external',
  namespace: 'network',
  listener: 'https',
};

function kindsOf(spec: ServiceSpec): string[] {
  return renderServiceRepository(spec).manifests.map(
    entry => entry.manifest.kind,
  );
}

function manifestOf(spec: ServiceSpec, kind: string): any {
  return renderServiceRepository(spec).manifests.find(
    entry => entry.manifest.kind === kind,
  )?.manifest;
}

describe('renderServiceRepository: which manifests', () => {
  it.each<[string, Partial<ServiceSpec>, string[]]>([
    [
      'gateway, wildcard TLS, Cilium policy, annotations',
      {},
      [
        'Deployment',
        'Service',
        'HTTPRoute',
        'CiliumNetworkPolicy',
        'CiliumNetworkPolicy',
      ],
    ],
    [
      'gateway with an issuer adds a Certificate',
      {
        tls: {
          kind: 'issuer',
          issuer: 'letsencrypt-production',
          issuerKind: 'ClusterIssuer',
        },
      },
      [
        'Deployment',
        'Service',
        'HTTPRoute',
        'Certificate',
        'CiliumNetworkPolicy',
        'CiliumNetworkPolicy',
      ],
    ],
    [
      'ingress with an issuer: no Certificate (ingress-shim issues it)',
      {
        routing: { kind: 'ingress', className: 'internal' },
        tls: {
          kind: 'issuer',
          issuer: 'letsencrypt-production',
          issuerKind: 'ClusterIssuer',
        },
        policy: {
          flavour: 'networkpolicy',
          proxy: { kind: 'pods', namespace: 'network' },
          extraEgress: [],
        },
      },
      [
        'Deployment',
        'Service',
        'Ingress',
        'NetworkPolicy',
        'NetworkPolicy',
        'NetworkPolicy',
      ],
    ],
    [
      'DNSEndpoint mode',
      {
        dns: {
          kind: 'dnsendpoint',
          prefix: 'external-dns.kubernetes.io/',
          targets: ['127.0.2.11'],
        },
      },
      [
        'Deployment',
        'Service',
        'HTTPRoute',
        'DNSEndpoint',
        'CiliumNetworkPolicy',
        'CiliumNetworkPolicy',
      ],
    ],
    [
      'not exposed: no route, certificate or DNS',
      {
        exposure: 'none',
        tls: {
          kind: 'issuer',
          issuer: 'letsencrypt-production',
          issuerKind: 'ClusterIssuer',
        },
        dns: {
          kind: 'dnsendpoint',
          prefix: 'external-dns.kubernetes.io/',
          targets: ['127.0.2.11'],
        },
      },
      ['Deployment', 'Service', 'CiliumNetworkPolicy', 'CiliumNetworkPolicy'],
    ],
  ])('%s', (_, overrides, kinds) => {
    expect(kindsOf(exampleServiceSpec(overrides))).toEqual(kinds);
  });

  it('lays the files out for a GitOps tree with a kustomization listing every manifest', () => {
    const repository = renderServiceRepository(
      exampleServiceSpec({
        tls: {
          kind: 'issuer',
          issuer: 'letsencrypt-production',
          issuerKind: 'ClusterIssuer',
        },
      }),
    );
    expect(repository.appDirectory).toBe('kubernetes/apps/apps/hello/app');
    expect(repository.files.map(file => file.path)).toEqual([
      'kubernetes/apps/apps/hello/app/deployment.yaml',
      'kubernetes/apps/apps/hello/app/service.yaml',
      'kubernetes/apps/apps/hello/app/httproute.yaml',
      'kubernetes/apps/apps/hello/app/certificate.yaml',
      'kubernetes/apps/apps/hello/app/ciliumnetworkpolicy-default-deny.yaml',
      'kubernetes/apps/apps/hello/app/ciliumnetworkpolicy-allow.yaml',
      'kubernetes/apps/apps/hello/app/kustomization.yaml',
      'catalog-info.yaml',
      'README.md',
    ]);
    const kustomization = repository.files.find(file =>
      file.path.endsWith('kustomization.yaml'),
    ) as any;
    expect(kustomization.document).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      namespace: 'apps',
      resources: [
        'deployment.yaml',
        'service.yaml',
        'httproute.yaml',
        'certificate.yaml',
        'ciliumnetworkpolicy-default-deny.yaml',
        'ciliumnetworkpolicy-allow.yaml',
      ],
    });
  });

  it('writes catalog-info.yaml with the Kubernetes annotations the Network tab reads', () => {
    const catalog = renderServiceRepository(exampleServiceSpec()).files.find(
      file => file.path === 'catalog-info.yaml',
    ) as any;
    expect(catalog.document.metadata.annotations).toEqual({
      'backstage.io/kubernetes-id': 'hello',
      'backstage.io/kubernetes-namespace': 'apps',
    });
    expect(catalog.document.spec).toEqual({
      type: 'service',
      lifecycle: 'experimental',
      owner: 'group:default/app-team',
      system: 'home-lab',
    });
    expect(catalog.document.metadata.links).toEqual([
      { url: 'https://hello.demo.lab', title: 'hello.demo.lab' },
    ]);
  });

  it('labels the pods with backstage.io/kubernetes-id so the plugin finds them', () => {
    const deployment = manifestOf(exampleServiceSpec(), 'Deployment');
    expect(
      deployment.spec.template.metadata.labels['backstage.io/kubernetes-id'],
    ).toBe('hello');
    expect(deployment.spec.template.spec.containers[0]).toMatchObject({
      image: 'ghcr.io/example/hello:1.0.0',
      ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
    });
    expect(deployment.spec.replicas).toBe(2);
    expect(manifestOf(exampleServiceSpec(), 'Service').spec.ports).toEqual([
      { name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' },
    ]);
  });
});

describe('HTTPRoute', () => {
  it.each<[string, Partial<ServiceSpec>, object[]]>([
    ['internal: the internal listener only', {}, [internalGateway]],
    [
      'internal and public: both listeners',
      { exposure: 'internal-and-public' },
      [internalGateway, publicGateway],
    ],
  ])('%s', (_, overrides, parents) => {
    const route = manifestOf(exampleServiceSpec(overrides), 'HTTPRoute');
    expect(route.spec.parentRefs).toEqual(
      parents.map((parent: any) => ({
        group: 'gateway.networking.k8s.io',
        kind: 'Gateway',
        name: parent.name,
        namespace: parent.namespace,
        sectionName: parent.listener,
      })),
    );
    expect(route.spec.hostnames).toEqual(['hello.demo.lab']);
    expect(route.spec.rules[0].backendRefs).toEqual([
      { group: '', kind: 'Service', name: 'hello', port: 8080 },
    ]);
  });

  it.each<[string, Partial<ServiceSpec>, Record<string, string>]>([
    [
      'GA prefix (external-dns v0.22+)',
      {},
      { 'external-dns.kubernetes.io/hostname': 'hello.demo.lab' },
    ],
    [
      'alpha prefix with a target',
      {
        dns: {
          kind: 'annotations',
          prefix: 'external-dns.alpha.kubernetes.io/',
          target: 'internal.demo.lab',
        },
      },
      {
        'external-dns.alpha.kubernetes.io/hostname': 'hello.demo.lab',
        'external-dns.alpha.kubernetes.io/target': 'internal.demo.lab',
      },
    ],
    [
      'public through the tunnel: proxied CNAME to the tunnel',
      {
        exposure: 'internal-and-public',
        tunnel: { hostname: 'external.demo.lab' },
        dns: {
          kind: 'annotations',
          prefix: 'external-dns.alpha.kubernetes.io/',
          target: 'internal.demo.lab',
        },
      },
      {
        'external-dns.alpha.kubernetes.io/hostname': 'hello.demo.lab',
        'external-dns.alpha.kubernetes.io/target': 'external.demo.lab',
        'external-dns.alpha.kubernetes.io/cloudflare-proxied': 'true',
      },
    ],
  ])('DNS annotations: %s', (_, overrides, annotations) => {
    expect(
      manifestOf(exampleServiceSpec(overrides), 'HTTPRoute').metadata
        .annotations,
    ).toEqual(annotations);
  });

  it('carries no DNS annotations when DNS comes from a DNSEndpoint', () => {
    const route = manifestOf(
      exampleServiceSpec({
        dns: {
          kind: 'dnsendpoint',
          prefix: 'external-dns.kubernetes.io/',
          targets: ['127.0.2.11'],
        },
      }),
      'HTTPRoute',
    );
    expect(route.metadata.annotations).toBeUndefined();
  });
});

describe('Ingress', () => {
  it.each<[string, Partial<ServiceSpec>, object, Record<string, string>]>([
    [
      'internal class with a ClusterIssuer',
      {
        tls: {
          kind: 'issuer',
          issuer: 'letsencrypt-production',
          issuerKind: 'ClusterIssuer',
        },
      },
      { hosts: ['hello.demo.lab'], secretName: 'hello-tls' },
      {
        'cert-manager.io/cluster-issuer': 'letsencrypt-production',
        'external-dns.kubernetes.io/hostname': 'hello.demo.lab',
      },
    ],
    [
      'namespaced Issuer',
      { tls: { kind: 'issuer', issuer: 'local-ca', issuerKind: 'Issuer' } },
      { hosts: ['hello.demo.lab'], secretName: 'hello-tls' },
      {
        'cert-manager.io/issuer': 'local-ca',
        'external-dns.kubernetes.io/hostname': 'hello.demo.lab',
      },
    ],
    [
      "the controller's wildcard: TLS without a Secret",
      {},
      { hosts: ['hello.demo.lab'] },
      { 'external-dns.kubernetes.io/hostname': 'hello.demo.lab' },
    ],
  ])('%s', (_, overrides, tls, annotations) => {
    for (const className of ['internal', 'external', 'tailscale'] as const) {
      const ingress = manifestOf(
        exampleServiceSpec({
          routing: { kind: 'ingress', className },
          ...overrides,
        }),
        'Ingress',
      );
      expect(ingress.spec.ingressClassName).toBe(className);
      expect(ingress.spec.tls).toEqual([tls]);
      expect(ingress.metadata.annotations).toEqual(annotations);
      expect(ingress.spec.rules[0]).toEqual({
        host: 'hello.demo.lab',
        http: {
          paths: [
            {
              path: '/',
              pathType: 'Prefix',
              backend: { service: { name: 'hello', port: { name: 'http' } } },
            },
          ],
        },
      });
    }
  });
});

describe('Certificate and DNSEndpoint', () => {
  it('issues a Certificate for the hostname from the chosen issuer', () => {
    const certificate = manifestOf(
      exampleServiceSpec({
        tls: {
          kind: 'issuer',
          issuer: 'letsencrypt-staging',
          issuerKind: 'ClusterIssuer',
        },
      }),
      'Certificate',
    );
    expect(certificate.spec).toMatchObject({
      secretName: 'hello-tls',
      issuerRef: {
        group: 'cert-manager.io',
        kind: 'ClusterIssuer',
        name: 'letsencrypt-staging',
      },
      dnsNames: ['hello.demo.lab'],
    });
  });

  it.each<[string, Partial<ServiceSpec>, object]>([
    [
      'A record to the gateway address',
      {
        dns: {
          kind: 'dnsendpoint',
          prefix: 'external-dns.kubernetes.io/',
          targets: ['127.0.2.11'],
        },
      },
      {
        dnsName: 'hello.demo.lab',
        recordType: 'A',
        targets: ['127.0.2.11'],
        recordTTL: 300,
      },
    ],
    [
      'CNAME to a name',
      {
        dns: {
          kind: 'dnsendpoint',
          prefix: 'external-dns.kubernetes.io/',
          targets: ['internal.demo.lab'],
        },
      },
      {
        dnsName: 'hello.demo.lab',
        recordType: 'CNAME',
        targets: ['internal.demo.lab'],
        recordTTL: 300,
      },
    ],
    [
      'AAAA record',
      {
        dns: {
          kind: 'dnsendpoint',
          prefix: 'external-dns.kubernetes.io/',
          targets: ['fd00::11'],
        },
      },
      {
        dnsName: 'hello.demo.lab',
        recordType: 'AAAA',
        targets: ['fd00::11'],
        recordTTL: 300,
      },
    ],
    [
      'public through the tunnel (alpha prefix)',
      {
        exposure: 'internal-and-public',
        tunnel: { hostname: 'external.demo.lab' },
        dns: {
          kind: 'dnsendpoint',
          prefix: 'external-dns.alpha.kubernetes.io/',
          targets: ['127.0.2.11'],
        },
      },
      {
        dnsName: 'hello.demo.lab',
        recordType: 'CNAME',
        targets: ['external.demo.lab'],
        recordTTL: 300,
        providerSpecific: [
          {
            name: 'external-dns.alpha.kubernetes.io/cloudflare-proxied',
            value: 'true',
          },
        ],
      },
    ],
  ])('DNSEndpoint: %s', (_, overrides, endpoint) => {
    const record = manifestOf(exampleServiceSpec(overrides), 'DNSEndpoint');
    expect(record.apiVersion).toBe('externaldns.k8s.io/v1alpha1');
    expect(record.spec.endpoints).toEqual([endpoint]);
  });
});

describe('rendered policies, checked with the network-common evaluation', () => {
  const pod = {
    namespace: 'apps',
    podLabels: {
      'app.kubernetes.io/name': 'hello',
      'app.kubernetes.io/instance': 'hello',
    },
  };
  const ciliumGateway = { entity: 'ingress' };
  const gatewayPod = {
    namespace: 'network',
    podLabels: { 'app.kubernetes.io/name': 'envoy' },
  };
  const strangerPod = { namespace: 'other', podLabels: { app: 'stranger' } };
  const database = {
    namespace: 'data',
    podLabels: { 'app.kubernetes.io/name': 'postgres' },
  };

  function policiesOf(spec: ServiceSpec): PolicyObject[] {
    return renderServiceRepository(spec)
      .manifests.map(entry => entry.manifest)
      .filter(manifest =>
        manifest.kind.endsWith('NetworkPolicy'),
      ) as unknown as PolicyObject[];
  }

  it.each<[string, ServiceSpec['policy'], object, boolean]>([
    [
      'Cilium policy admits the Cilium gateway',
      {
        flavour: 'ciliumnetworkpolicy',
        proxy: { kind: 'cilium' },
        extraEgress: [],
      },
      ciliumGateway,
      true,
    ],
    [
      'Cilium policy refuses a stranger pod',
      {
        flavour: 'ciliumnetworkpolicy',
        proxy: { kind: 'cilium' },
        extraEgress: [],
      },
      strangerPod,
      false,
    ],
    [
      'Cilium policy admits gateway pods',
      {
        flavour: 'ciliumnetworkpolicy',
        proxy: { kind: 'pods', namespace: 'network' },
        extraEgress: [],
      },
      gatewayPod,
      true,
    ],
    [
      'Cilium policy for gateway pods refuses others',
      {
        flavour: 'ciliumnetworkpolicy',
        proxy: { kind: 'pods', namespace: 'network' },
        extraEgress: [],
      },
      strangerPod,
      false,
    ],
    [
      'NetworkPolicy admits the Cilium gateway',
      { flavour: 'networkpolicy', proxy: { kind: 'cilium' }, extraEgress: [] },
      ciliumGateway,
      true,
    ],
    [
      'NetworkPolicy admits ingress controller pods',
      {
        flavour: 'networkpolicy',
        proxy: { kind: 'pods', namespace: 'network' },
        extraEgress: [],
      },
      gatewayPod,
      true,
    ],
    [
      'NetworkPolicy for controller pods refuses others',
      {
        flavour: 'networkpolicy',
        proxy: { kind: 'pods', namespace: 'network' },
        extraEgress: [],
      },
      strangerPod,
      false,
    ],
    [
      'NetworkPolicy with controller pod labels refuses other pods of that namespace',
      {
        flavour: 'networkpolicy',
        proxy: {
          kind: 'pods',
          namespace: 'network',
          podLabels: { 'app.kubernetes.io/name': 'ingress-nginx' },
        },
        extraEgress: [],
      },
      gatewayPod,
      false,
    ],
  ])('%s', (_, policy, from, allowed) => {
    const policies = policiesOf(exampleServiceSpec({ policy }));
    const decision = isIngressAllowed(
      { from: from as any, to: pod, port: 8080 },
      policies,
    );
    expect(decision.allowed).toBe(allowed);
    // Default deny: another port is never admitted.
    expect(
      isIngressAllowed({ from: from as any, to: pod, port: 9999 }, policies)
        .allowed,
    ).toBe(false);
  });

  it.each(['networkpolicy', 'ciliumnetworkpolicy'] as const)(
    '%s: DNS egress over UDP and TCP, extra egress, nothing else',
    flavour => {
      const policies = policiesOf(
        exampleServiceSpec({
          policy: {
            flavour,
            proxy: { kind: 'cilium' },
            extraEgress: [{ namespace: 'data', name: 'postgres', port: 5432 }],
          },
        }),
      );
      const dns = isDnsEgressAllowed(pod, policies);
      expect(dns.allowed).toBe(true);
      expect(dns.tcp.allowed).toBe(true);
      expect(
        isEgressAllowed({ from: pod, to: database, port: 5432 }, policies)
          .allowed,
      ).toBe(true);
      expect(
        isEgressAllowed({ from: pod, to: database, port: 5433 }, policies)
          .allowed,
      ).toBe(false);
      expect(
        isEgressAllowed({ from: pod, to: strangerPod, port: 5432 }, policies)
          .allowed,
      ).toBe(false);
      expect(
        isEgressAllowed(
          { from: pod, to: { ip: '1.1.1.1' }, port: 443 },
          policies,
        ).allowed,
      ).toBe(false);
    },
  );

  it.each(['networkpolicy', 'ciliumnetworkpolicy'] as const)(
    '%s, not exposed: same-namespace pods only',
    flavour => {
      const policies = policiesOf(
        exampleServiceSpec({
          exposure: 'none',
          policy: { flavour, proxy: { kind: 'cilium' }, extraEgress: [] },
        }),
      );
      expect(
        isIngressAllowed(
          {
            from: { namespace: 'apps', podLabels: { app: 'client' } },
            to: pod,
            port: 8080,
          },
          policies,
        ).allowed,
      ).toBe(true);
      expect(
        isIngressAllowed({ from: ciliumGateway, to: pod, port: 8080 }, policies)
          .allowed,
      ).toBe(false);
      expect(
        isIngressAllowed({ from: strangerPod, to: pod, port: 8080 }, policies)
          .allowed,
      ).toBe(false);
    },
  );
});
