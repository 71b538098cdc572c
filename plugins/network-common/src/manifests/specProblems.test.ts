import { hostnameProblems } from './hostnameRules';
import { serviceSpecProblems } from './specProblems';
import { ServiceSpec } from './serviceSpec';
import { exampleServiceSpec } from './testServiceSpec';

const allowed = { allowedDomains: ['demo.lab'] };

describe('serviceSpecProblems', () => {
  it('accepts the example', () => {
    expect(serviceSpecProblems(exampleServiceSpec(), allowed)).toEqual([]);
  });

  it.each<[string, Partial<ServiceSpec>, string, RegExp]>([
    ['uppercase name', { name: 'Hello' }, 'name', /lowercase/],
    [
      'name starting with a digit',
      { name: '1hello' },
      'name',
      /start with a letter/,
    ],
    [
      'over-long name',
      { name: `a${'b'.repeat(63)}` },
      'name',
      /64 characters long; at most 63/,
    ],
    [
      'path traversal in the name',
      { name: '../etc' },
      'name',
      /lowercase letters/,
    ],
    [
      'absolute path as the namespace',
      { namespace: '/etc/passwd' },
      'namespace',
      /lowercase letters/,
    ],
    ['port 0', { port: 0 }, 'port', /outside 1-65535/],
    ['port 70000', { port: 70000 }, 'port', /outside 1-65535/],
    ['fractional port', { port: 80.5 }, 'port', /outside 1-65535/],
    ['negative replicas', { replicas: -1 }, 'replicas', /outside 0-50/],
    [
      'YAML injection in the description',
      { description: 'hi\nspec:\n  replicas: 100' },
      'description',
      /line break/,
    ],
    [
      'template injection in the description',
      { description: 'hi ${{ secrets.token }}' },
      'description',
      /template marker '\$\{\{'/,
    ],
    [
      'nunjucks in the description',
      { description: '{% include "/etc/passwd" %}' },
      'description',
      /template marker/,
    ],
    ['empty description', { description: '  ' }, 'description', /required/],
    [
      'image with a shell',
      { image: 'nginx; rm -rf /' },
      'image',
      /not a container image reference/,
    ],
    [
      'owner with a newline',
      { owner: 'group:default/a\nb' },
      'owner',
      /not an entity reference/,
    ],
    [
      'uppercase hostname',
      { hostname: 'Hello.demo.lab' },
      'hostname',
      /uppercase/,
    ],
    [
      'non-ASCII hostname',
      { hostname: 'hellö.demo.lab' },
      'hostname',
      /non-ASCII/,
    ],
    [
      'hostname outside the domains',
      { hostname: 'hello.example.com' },
      'hostname',
      /not under an allowed domain \(demo.lab\)/,
    ],
    [
      'the domain itself',
      { hostname: 'demo.lab' },
      'hostname',
      /not under an allowed domain/,
    ],
    ['wildcard hostname', { hostname: '*.demo.lab' }, 'hostname', /wildcard/],
    [
      'missing public gateway',
      {
        exposure: 'internal-and-public',
        routing: {
          kind: 'gateway',
          internal: {
            name: 'envoy-internal',
            namespace: 'network',
            listener: 'https',
          },
        },
      },
      'routing.public',
      /required/,
    ],
    [
      'unknown ingress class',
      { routing: { kind: 'ingress', className: 'nginx' as any } },
      'routing.className',
      /not one of internal, external, tailscale/,
    ],
    [
      'issuer with a slash',
      { tls: { kind: 'issuer', issuer: '../x', issuerKind: 'ClusterIssuer' } },
      'tls.issuer',
      /lowercase/,
    ],
    [
      'DNSEndpoint without targets',
      {
        dns: {
          kind: 'dnsendpoint',
          prefix: 'external-dns.kubernetes.io/',
          targets: [],
        },
      },
      'dns.targets',
      /at least one target/,
    ],
    [
      'extra egress to port 0',
      {
        policy: {
          flavour: 'networkpolicy',
          proxy: { kind: 'cilium' },
          extraEgress: [{ namespace: 'data', name: 'postgres', port: 0 }],
        },
      },
      'policy.extraEgress[0].port',
      /outside/,
    ],
  ])('refuses %s, naming the field', (_, overrides, field, message) => {
    const problems = serviceSpecProblems(
      exampleServiceSpec(overrides),
      allowed,
    );
    expect(problems).toContainEqual({
      field,
      message: expect.stringMatching(message),
    });
  });

  it('lists every problem, not just the first', () => {
    const problems = serviceSpecProblems(
      exampleServiceSpec({ name: 'A', port: 0, hostname: 'x.example.com' }),
      allowed,
    );
    expect(problems.map(problem => problem.field)).toEqual([
      'name',
      'port',
      'hostname',
    ]);
  });

  it('does not check the hostname of a service that is not exposed', () => {
    expect(
      serviceSpecProblems(
        exampleServiceSpec({ exposure: 'none', hostname: '' }),
        allowed,
      ),
    ).toEqual([]);
  });
});

describe('hostnameProblems', () => {
  it.each<[string, string[]]>([
    ['hello.demo.lab', ['demo.lab']],
    ['a.b.demo.lab', ['demo.lab']],
    ['hello.demo.lab', ['*.demo.lab']],
    ['hello.demo.lab', ['DEMO.lab.']],
    ['hello.example.com', []],
  ])('accepts %s under %j', (hostname, domains) => {
    expect(hostnameProblems(hostname, domains)).toEqual([]);
  });

  it.each<[string, string[], string]>([
    ['hello.demo.lab', ['example.com'], 'not under an allowed domain'],
    ['hellodemo.lab', ['demo.lab'], 'not under an allowed domain'],
    ['hello', [], 'fully qualified'],
    ['-hello.demo.lab', [], 'not a valid DNS name'],
    ['hello..demo.lab', [], 'not a valid DNS name'],
    ['hel_lo.demo.lab', [], 'not a valid DNS name'],
    [`${'a'.repeat(64)}.demo.lab`, [], 'label of 64 characters'],
    [
      `${'abcdefghi.'.repeat(25)}demo.lab`,
      [],
      '258 characters long; at most 253',
    ],
    ['', [], 'required'],
  ])('refuses %s under %j', (hostname, domains, problem) => {
    expect(hostnameProblems(hostname, domains)).toEqual([
      { field: 'hostname', message: expect.stringContaining(problem) },
    ]);
  });
});
