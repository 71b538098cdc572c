import { ObjectRef } from './conditions';

/**
 * The state of one hop of a request path, or of a whole path.
 * Ordered from best to worst: ok < unknown < warning < failing (see `worstHopState`).
 */
export type HopState = 'ok' | 'warning' | 'failing' | 'unknown';

/** The kinds of hop a request path is made of, in the order traffic meets them. */
export type HopKind =
  | 'hostname'
  | 'dns-internal'
  | 'dns-external'
  | 'loadbalancer-ip'
  | 'gateway-listener'
  | 'ingress'
  | 'route'
  | 'service'
  | 'endpoints'
  | 'pods'
  | 'certificate'
  | 'policy';

/** What a hop's state was decided on: the objects read and the fields that mattered. */
export interface HopEvidence {
  objects: ObjectRef[];
  /** Field path or short name to the value seen, e.g. `status.parents[0].conditions.Accepted`. */
  fields: Record<string, string | number | boolean | null>;
}

/** One link of the request path chain. */
export interface Hop {
  /** Stable within a path, e.g. `route:default/app` or `dns-internal`. */
  id: string;
  kind: HopKind;
  title: string;
  state: HopState;
  /** The upstream reason string where one exists (e.g. `BackendNotFound`, `NoMatchingListenerHostname`). */
  reason?: string;
  message?: string;
  evidence: HopEvidence;
  /** One line telling the user what to change; set when the hop is failing or warning. */
  fixHint?: string;
}

/** The chain of hops a request for one hostname travels. */
export interface HostnamePath {
  hostname: string;
  hops: Hop[];
}

/** The request path of a catalog entity's workload in one cluster. */
export interface RequestPath {
  /** Catalog entity ref, e.g. `component:default/podinfo`. */
  entityRef: string;
  cluster: string;
  namespace: string;
  workload?: { kind: string; name: string };
  /** One path per hostname that routes to the workload. */
  paths: HostnamePath[];
  /** Hops that sit beside every path: the certificate(s) and network policies. */
  beside: Hop[];
  /** The worst state of any hop in `paths` and `beside`. */
  state: HopState;
  /**
   * The first failing hop, for the UI to open on: in the first path that has one, else
   * beside the paths (`pathIndex` -1).
   */
  failingHop?: { pathIndex: number; hopId: string };
  /**
   * Kinds or sources that were not available and so could not be checked,
   * e.g. `cilium.io/CiliumLoadBalancerIPPool` or `dns-external`.
   */
  missing: string[];
  /** True when built from a cache that is not currently in sync with the cluster. */
  stale: boolean;
  /** RFC 3339 timestamp. */
  generatedAt: string;
}
