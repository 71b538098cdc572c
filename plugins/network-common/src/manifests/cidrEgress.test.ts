import { isEgressAllowed, PodEndpoint, PolicyObject } from '../policies';
import { renderPolicies } from './policyManifests';
import { serviceSpecProblems } from './specProblems';
import { CidrEgressTarget, PolicyFlavour } from './serviceSpec';
import { exampleServiceSpec } from './testServiceSpec';

const apiServer: CidrEgressTarget = {
  purpose: 'kubernetes-api',
  cidrs: ['192.168.1.0/24'],
  ports: [6443],
  ciliumEntities: ['kube-apiserver'],
};
const gitProvider: CidrEgressTarget = {
  purpose: 'git-https',
  cidrs: ['0.0.0.0/0'],
  ports: [443],
};

const dnsResolvers: CidrEgressTarget = {
  purpose: 'dns-probes',
  cidrs: ['192.0.2.53/32'],
  ports: [53],
  protocols: ['UDP', 'TCP'],
};

const specWith = (flavour: PolicyFlavour, cidrEgress?: CidrEgressTarget[]) =>
  exampleServiceSpec({
    policy: {
      flavour,
      proxy: { kind: 'cilium' },
      extraEgress: [],
      ...(cidrEgress ? { cidrEgress } : {}),
    },
  });

const helloPod: PodEndpoint = {
  namespace: 'apps',
  podLabels: {
    'app.kubernetes.io/name': 'hello',
    'app.kubernetes.io/instance': 'hello',
  },
};

describe('cidrEgress in renderPolicies', () => {
  it('renders nothing new when absent (the field is optional)', () => {
    for (const flavour of [
      'networkpolicy',
      'ciliumnetworkpolicy',
    ] as PolicyFlavour[]) {
      const policies = renderPolicies(specWith(flavour));
      expect(JSON.stringify(policies)).not.toMatch(
        /ipBlock|toCIDRSet|toEntities/,
      );
      const egressPolicy = policies.find(policy =>
        ['hello-allow-egress', 'hello-allow'].includes(policy.metadata.name),
      )!;
      expect(egressPolicy.metadata.annotations).toBeUndefined();
    }
  });

  it('adds one ipBlock rule per target to the NetworkPolicy egress, with a why annotation', () => {
    const egress = renderPolicies(
      specWith('networkpolicy', [apiServer, gitProvider]),
    ).find(policy => policy.metadata.name === 'hello-allow-egress')!;
    expect((egress.spec as any).egress.slice(1)).toEqual([
      {
        to: [{ ipBlock: { cidr: '192.168.1.0/24' } }],
        ports: [{ protocol: 'TCP', port: 6443 }],
      },
      {
        to: [{ ipBlock: { cidr: '0.0.0.0/0' } }],
        ports: [{ protocol: 'TCP', port: 443 }],
      },
    ]);
    expect(egress.metadata.annotations).toEqual({
      'pathway.dev/why':
        'kubernetes-api: 192.168.1.0/24 port 6443; git-https: 0.0.0.0/0 port 443',
    });
  });

  it('uses the Cilium entities where given and toCIDRSet otherwise', () => {
    const allow = renderPolicies(
      specWith('ciliumnetworkpolicy', [apiServer, gitProvider]),
    ).find(policy => policy.metadata.name === 'hello-allow')!;
    expect((allow.spec as any).egress.slice(1)).toEqual([
      {
        toEntities: ['kube-apiserver'],
        toPorts: [{ ports: [{ port: '6443', protocol: 'TCP' }] }],
      },
      {
        toCIDRSet: [{ cidr: '0.0.0.0/0' }],
        toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }],
      },
    ]);
  });

  it('renders every port under every protocol', () => {
    const [egress] = renderPolicies(
      specWith('networkpolicy', [dnsResolvers]),
    ).filter(policy => policy.metadata.name === 'hello-allow-egress');
    expect((egress.spec as any).egress[1]).toEqual({
      to: [{ ipBlock: { cidr: '192.0.2.53/32' } }],
      ports: [
        { protocol: 'UDP', port: 53 },
        { protocol: 'TCP', port: 53 },
      ],
    });
    const [allow] = renderPolicies(
      specWith('ciliumnetworkpolicy', [dnsResolvers]),
    ).filter(policy => policy.metadata.name === 'hello-allow');
    expect((allow.spec as any).egress[1].toPorts).toEqual([
      {
        ports: [
          { port: '53', protocol: 'UDP' },
          { port: '53', protocol: 'TCP' },
        ],
      },
    ]);
  });

  it.each([
    ['networkpolicy', { ip: '192.168.1.10' }, 6443, true],
    ['networkpolicy', { ip: '192.168.1.10' }, 22, false],
    ['networkpolicy', { ip: '140.82.112.3' }, 443, true],
    ['networkpolicy', { ip: '140.82.112.3' }, 80, false],
    ['ciliumnetworkpolicy', { entity: 'kube-apiserver' }, 6443, true],
    ['ciliumnetworkpolicy', { entity: 'kube-apiserver' }, 443, false],
    ['ciliumnetworkpolicy', { ip: '140.82.112.3' }, 443, true],
    ['ciliumnetworkpolicy', { ip: '140.82.112.3' }, 22, false],
  ] as const)(
    '%s: egress to %j port %d allowed=%s by our own evaluation',
    (flavour, to, port, allowed) => {
      const policies = renderPolicies(
        specWith(flavour, [apiServer, gitProvider]),
      ) as unknown as PolicyObject[];
      expect(
        isEgressAllowed({ from: helloPod, to, port }, policies).allowed,
      ).toBe(allowed);
    },
  );
});

describe('cidrEgress in serviceSpecProblems', () => {
  const allowed = { allowedDomains: ['demo.lab'] };
  const problemsOf = (cidrEgress: CidrEgressTarget[]) =>
    serviceSpecProblems(specWith('networkpolicy', cidrEgress), allowed);

  it('accepts valid targets', () => {
    expect(problemsOf([apiServer, gitProvider, dnsResolvers])).toEqual([]);
  });

  it.each([
    [
      { ...apiServer, cidrs: ['192.168.1.0/33'] },
      'policy.cidrEgress[0].cidrs[0]',
      /not a CIDR/,
    ],
    [
      { ...apiServer, cidrs: ['192.168.1.1'] },
      'policy.cidrEgress[0].cidrs[0]',
      /not a CIDR/,
    ],
    [
      { ...apiServer, cidrs: [] },
      'policy.cidrEgress[0].cidrs',
      /at least one CIDR/,
    ],
    [
      { ...apiServer, ports: [70000] },
      'policy.cidrEgress[0].ports[0]',
      /outside 1-65535/,
    ],
    [
      { ...apiServer, ports: [] },
      'policy.cidrEgress[0].ports',
      /at least one port/,
    ],
    [
      { ...apiServer, purpose: 'a\nb' },
      'policy.cidrEgress[0].purpose',
      /one line/,
    ],
  ] as [CidrEgressTarget, string, RegExp][])(
    'refuses %j, naming the field',
    (target, field, message) => {
      expect(problemsOf([target])).toContainEqual({
        field,
        message: expect.stringMatching(message),
      });
    },
  );
});
