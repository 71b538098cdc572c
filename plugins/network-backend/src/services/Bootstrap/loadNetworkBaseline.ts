import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { NetworkBaseline, parseNetworkBaseline } from '@internal/plugin-network-common';

/** Where a cluster's baseline lives in the app config. */
export function baselineConfigPath(cluster: string): string {
  return `network.clusters.${cluster}.baseline`;
}

/**
 * Validates a raw baseline (as config holds it) and returns it, or throws an InputError listing
 * every problem with its field path, e.g.
 * `network.clusters.demo.baseline.ipPools[1].blocks[0].cidr: '10.0.0.0/33' is not a valid CIDR`.
 */
export function validNetworkBaseline(raw: unknown, cluster: string): NetworkBaseline {
  const parsed = parseNetworkBaseline(raw, baselineConfigPath(cluster));
  if (!parsed.baseline) {
    throw new InputError(`The network baseline of ${cluster} is invalid: ${parsed.problems.join('; ')}`);
  }
  return parsed.baseline;
}

/**
 * A source of raw baselines read from the root config (`network.clusters.<name>.baseline`),
 * read on every plan so a config reload is picked up.
 */
export function baselinesFromConfig(config: Config): (cluster: string) => unknown {
  return cluster => {
    const clusters = config.getOptional<Record<string, { baseline?: unknown }>>('network.clusters');
    return clusters?.[cluster]?.baseline;
  };
}
