/** Why a pod is or is not Ready, from its conditions and container statuses. */
export interface PodReadiness {
  ready: boolean;
  /** `status.conditions[Ready]` as `False (ContainersNotReady)`, or the phase when it has none. */
  readyCondition: string;
  /** The Ready condition's reason, e.g. `ContainersNotReady`. */
  reason?: string;
  /** Per container that is not ready: waiting reason, restarts, last termination. */
  containerDetails: string[];
  restarts: number;
}

/** Reads a pod's readiness the way `kubectl get pods` and `describe` show it. */
export function podReadiness(pod: any): PodReadiness {
  const conditions: any[] = pod?.status?.conditions ?? [];
  const ready = conditions.find(condition => condition?.type === 'Ready');
  const containers: any[] = pod?.status?.containerStatuses ?? [];
  const containerDetails = containers
    .filter(container => !container?.ready)
    .map(container => {
      const parts: string[] = [];
      const waiting = container.state?.waiting?.reason;
      if (waiting) parts.push(`waiting: ${waiting}`);
      else if (container.state?.running) parts.push('running but not ready');
      else if (container.state?.terminated) parts.push(`terminated: ${container.state.terminated.reason ?? 'unknown'}`);
      if (container.restartCount > 0) parts.push(`${container.restartCount} restarts`);
      const last = container.lastState?.terminated;
      if (last) parts.push(`last exit ${last.reason ?? 'unknown'} (code ${last.exitCode ?? '?'})`);
      return `${container.name}: ${parts.join(', ')}`;
    });
  const readyCondition = ready
    ? `${ready.status}${ready.reason ? ` (${ready.reason})` : ''}`
    : `no Ready condition (phase ${pod?.status?.phase ?? 'unknown'})`;
  return {
    ready: ready?.status === 'True' && !pod?.metadata?.deletionTimestamp,
    readyCondition,
    reason: ready?.reason,
    containerDetails,
    restarts: containers.reduce((sum, container) => sum + (Number(container?.restartCount) || 0), 0),
  };
}
