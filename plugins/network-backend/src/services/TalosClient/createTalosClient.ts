import { ClusterDefinition } from '../ClusterRegistry/ClusterRegistry';
import { TalosClient, TalosClientOptions } from './TalosClient';

/**
 * The Talos client of a cluster, or undefined when it has no Talos access configured (then
 * the Talos checks report `skipped`). A configured but unusable talosconfig still gives a
 * client: its calls fail with the `bad-config` error naming the field, so checks show why.
 */
export function createTalosClient(
  definition: ClusterDefinition,
  options: Omit<TalosClientOptions, 'clusterName' | 'access'> = {},
): TalosClient | undefined {
  const access = definition.talos;
  if (!access) return undefined;
  const configured = [
    access.talosconfigPath,
    access.endpoints,
    access.ca,
    access.crt,
    access.key,
  ].some(value => value !== undefined);
  if (!configured) return undefined;
  return new TalosClient({ ...options, clusterName: definition.name, access });
}
