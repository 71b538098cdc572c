/**
 * A Kubernetes status condition as the network views carry it (metav1.Condition,
 * without observedGeneration, which no view needs).
 */
export interface Condition {
  type: string;
  /** 'True' | 'False' | 'Unknown' as Kubernetes writes it. */
  status: string;
  reason?: string;
  message?: string;
  /** RFC 3339 timestamp. */
  lastTransitionTime?: string;
}

/** A reference to a Kubernetes object, enough to name it in evidence and link to it. */
export interface ObjectRef {
  apiVersion?: string;
  kind: string;
  /** Absent for cluster-scoped objects (pools, L2 policies, ClusterIssuers). */
  namespace?: string;
  name: string;
}
