import { Condition } from '@internal/plugin-network-common';

/** A status condition as the views carry it (drops observedGeneration and unknown fields). */
export function toConditions(conditions: any[] | undefined): Condition[] {
  return (conditions ?? []).map(condition => ({
    type: condition.type,
    status: condition.status,
    reason: condition.reason,
    message: condition.message,
    lastTransitionTime: condition.lastTransitionTime,
  }));
}
