import { ConflictError, InputError } from '@backstage/errors';
import {
  describeHostnameClaim,
  gatewayDomains,
  hostnameClaims,
  hostnameProblems,
} from '@internal/plugin-network-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { ClusterApi } from '../services/ClusterApi/ClusterApi';
import { chooseCluster } from '../services/clusterChoice';
import { hostnameClaimSources } from '../services/HostnameClaims/hostnameClaims';
import { NetworkView } from '../services/NetworkView/NetworkView';
import { examples } from './checkHostname.examples';

/**
 * `network:hostname:check`: the hostname is well formed, under an allowed domain (config
 * `network.scaffolder.allowedDomains`, else the zones of the cluster's gateway listeners),
 * and not already served or published by another route, Ingress or DNSEndpoint.
 */
export function createCheckHostnameAction(options: {
  network: NetworkView;
  clusterApi: ClusterApi;
  allowedDomains: readonly string[];
}) {
  return createTemplateAction({
    id: 'network:hostname:check',
    description:
      'Checks that a hostname is well formed, under an allowed domain and not claimed by another route, Ingress or DNS record in the live cluster.',
    examples,
    // Reads only.
    supportsDryRun: true,
    schema: {
      input: {
        hostname: z => z.string().describe('Fully qualified hostname to check'),
        cluster: z =>
          z
            .string()
            .optional()
            .describe('Cluster name; the first configured cluster by default'),
        namespace: z =>
          z
            .string()
            .optional()
            .describe(
              'Namespace of the service asking: its own route does not count as a claim',
            ),
        name: z =>
          z
            .string()
            .optional()
            .describe('Name of the service asking (with namespace)'),
      },
      output: {
        available: z =>
          z.boolean().describe('True when the hostname can be used'),
        domains: z =>
          z
            .array(z.string())
            .describe('The allowed domains it was checked against'),
        cluster: z => z.string().describe('The cluster it was checked in'),
      },
    },
    async handler(ctx) {
      const { hostname } = ctx.input;
      const cluster = chooseCluster(options.clusterApi, ctx.input.cluster);
      const domains =
        options.allowedDomains.length > 0
          ? [...options.allowedDomains]
          : gatewayDomains(await options.network.gateways(cluster));
      const problems = hostnameProblems(hostname, domains);
      if (problems.length > 0) {
        throw new InputError(
          problems
            .map(problem => `${problem.field}: ${problem.message}`)
            .join('; '),
        );
      }
      const sources = await hostnameClaimSources(
        options.network,
        cluster,
        hostname,
      );
      const owner =
        ctx.input.namespace && ctx.input.name
          ? { namespace: ctx.input.namespace, name: ctx.input.name }
          : undefined;
      const claims = hostnameClaims(hostname, sources, owner);
      if (claims.length > 0) {
        throw new ConflictError(
          `hostname: '${hostname}' is already claimed in cluster ${cluster} by ${claims
            .map(describeHostnameClaim)
            .join(', ')}`,
        );
      }
      ctx.logger.info(
        `${hostname} is available in cluster ${cluster} (domains: ${domains.join(
          ', ',
        )})`,
      );
      ctx.output('available', true);
      ctx.output('domains', domains);
      ctx.output('cluster', cluster);
    },
  });
}
