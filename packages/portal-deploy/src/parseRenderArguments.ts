import {
  DEFAULT_PORTAL_DEPLOY_SETTINGS,
  PortalDeploySettings,
} from './portalDeploySettings';

/** What the render CLI was asked: where to write, and the settings to render with. */
export interface RenderArguments {
  out: string;
  settings: PortalDeploySettings;
}

/** The options the CLI understands, with what each sets. */
export const RENDER_USAGE = `Usage: npm run render -w packages/portal-deploy -- --out <base directory> [options]
  --namespace <name>            namespace of the portal (default pathway)
  --hostname <fqdn>             the portal's hostname
  --gateway <ns>/<name>/<listener>  the Gateway listener the HTTPRoute attaches to
  --issuer <ClusterIssuer>      cert-manager ClusterIssuer; "gateway-wildcard" renders no Certificate
  --dns-target <name>           external-dns target annotation (the gateway's name)
  --policy-flavour <ciliumnetworkpolicy|networkpolicy>
  --proxy-namespace <ns>        the gateway runs as pods in this namespace (default: Cilium's own Envoy)
  --node-cidr <cidr>            node network (API server 6443, Talos apid 50000); repeatable
  --dns-server-cidr <cidr>      DNS server the request path asks (UDP/TCP 53); repeatable
  --postgres-cidr <cidr>        PostgreSQL outside the cluster (port 5432); repeatable
  --git-cidr <cidr>             Git provider HTTPS; repeatable (default 0.0.0.0/0)`;

/**
 * Parses `--name value` pairs over the defaults. Throws with the usage on an unknown option
 * or a missing value, so a typo never renders the placeholders silently.
 */
export function parseRenderArguments(argv: string[]): RenderArguments {
  const settings: PortalDeploySettings = structuredClone(
    DEFAULT_PORTAL_DEPLOY_SETTINGS,
  );
  let out: string | undefined;
  const repeated: Record<string, string[]> = {};
  for (let index = 0; index < argv.length; index += 2) {
    const option = argv[index];
    const value = argv[index + 1];
    if (
      !option.startsWith('--') ||
      value === undefined ||
      value.startsWith('--')
    )
      throw new Error(
        `Expected "--option value" at "${option}"\n${RENDER_USAGE}`,
      );
    switch (option) {
      case '--out':
        out = value;
        break;
      case '--namespace':
        settings.namespace = value;
        break;
      case '--hostname':
        settings.hostname = value;
        break;
      case '--gateway': {
        const [namespace, name, listener] = value.split('/');
        if (!namespace || !name || !listener)
          throw new Error(
            `--gateway takes <namespace>/<name>/<listener>, got "${value}"`,
          );
        settings.gateway = { namespace, name, listener };
        break;
      }
      case '--issuer':
        settings.tls =
          value === 'gateway-wildcard'
            ? { kind: 'gateway-wildcard' }
            : { kind: 'issuer', issuer: value, issuerKind: 'ClusterIssuer' };
        break;
      case '--dns-target':
        if (settings.dns.kind === 'annotations') settings.dns.target = value;
        break;
      case '--policy-flavour':
        if (value !== 'ciliumnetworkpolicy' && value !== 'networkpolicy')
          throw new Error(
            `--policy-flavour is ciliumnetworkpolicy or networkpolicy, got "${value}"`,
          );
        settings.policyFlavour = value;
        break;
      case '--proxy-namespace':
        settings.proxy = { kind: 'pods', namespace: value };
        break;
      case '--node-cidr':
      case '--dns-server-cidr':
      case '--postgres-cidr':
      case '--git-cidr':
        (repeated[option] ??= []).push(value);
        break;
      default:
        throw new Error(`Unknown option "${option}"\n${RENDER_USAGE}`);
    }
  }
  if (!out) throw new Error(`--out is required\n${RENDER_USAGE}`);
  if (repeated['--node-cidr']) settings.nodeCidrs = repeated['--node-cidr'];
  if (repeated['--dns-server-cidr'])
    settings.dnsServerCidrs = repeated['--dns-server-cidr'];
  if (repeated['--git-cidr'])
    settings.gitProviderCidrs = repeated['--git-cidr'];
  if (repeated['--postgres-cidr'])
    settings.postgres = {
      kind: 'cidrs',
      cidrs: repeated['--postgres-cidr'],
      port: 5432,
    };
  return { out, settings };
}
