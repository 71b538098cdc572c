import { KubernetesClient } from '../KubernetesClient/KubernetesClient';

/** What the bootstrap needs from a cluster's API: JSON GETs, get-or-undefined and server-side apply. */
export type BootstrapKubernetes = Pick<KubernetesClient, 'getJson' | 'get' | 'apply'>;

/** Gives the API client of a cluster (undefined when the cluster is not configured). */
export type BootstrapKubernetesClients = (cluster: string) => BootstrapKubernetes | undefined;

/** The field manager that owns what the bootstrap applies. */
export const BOOTSTRAP_FIELD_MANAGER = 'pathway-network';
