/**
 * What the checks read from `cilium-dbg status -o json` (a `models.StatusResponse`). Parsed
 * leniently: field sets differ between Cilium versions, and a missing part reads as undefined.
 */
export interface CiliumStatusSummary {
  /** `cilium.state`: Ok, Warning, Failure or Disabled. */
  ciliumState?: string;
  ciliumMessage?: string;
  kubernetesState?: string;
  kubernetesMessage?: string;
  /** `cluster.ciliumHealth` (there is no separate cluster health key). */
  clusterHealthState?: string;
  clusterHealthMessage?: string;
  /** `kube-proxy-replacement.mode`, e.g. `True`, `False` (older agents: `Strict`, `Disabled`). */
  kubeProxyReplacement?: string;
  /** Controllers whose last runs failed (`consecutive-failure-count` > 0). */
  failingControllers: Array<{ name: string; consecutiveFailures: number; lastFailureMessage: string }>;
  controllerCount: number;
  /** Nodes the agent knows (`cluster.nodes`). */
  nodeCount?: number;
}

/** Parses the JSON text; throws with a short excerpt when it is not a status response. */
export function parseCiliumStatus(text: string): CiliumStatusSummary {
  let status: any;
  try {
    status = JSON.parse(text);
  } catch {
    throw new Error(`cilium-dbg status -o json did not print JSON: ${text.trim().slice(0, 200) || '(empty output)'}`);
  }
  if (!status || typeof status !== 'object' || Array.isArray(status)) {
    throw new Error('cilium-dbg status -o json printed something other than a status response');
  }
  const controllers: any[] = Array.isArray(status.controllers) ? status.controllers : [];
  const text_ = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  return {
    ciliumState: text_(status.cilium?.state),
    ciliumMessage: text_(status.cilium?.msg),
    kubernetesState: text_(status.kubernetes?.state),
    kubernetesMessage: text_(status.kubernetes?.msg),
    clusterHealthState: text_(status.cluster?.ciliumHealth?.state),
    clusterHealthMessage: text_(status.cluster?.ciliumHealth?.msg),
    kubeProxyReplacement: text_(status['kube-proxy-replacement']?.mode),
    failingControllers: controllers
      .filter(controller => Number(controller?.status?.['consecutive-failure-count'] ?? 0) > 0)
      .map(controller => ({
        name: String(controller.name ?? '(unnamed)'),
        consecutiveFailures: Number(controller.status['consecutive-failure-count']),
        lastFailureMessage: String(controller.status['last-failure-msg'] ?? ''),
      })),
    controllerCount: controllers.length,
    nodeCount: Array.isArray(status.cluster?.nodes) ? status.cluster.nodes.length : undefined,
  };
}
