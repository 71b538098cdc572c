import { Condition, ObjectRef } from '@internal/plugin-network-common';

/** A reference to a cached object; list items carry no kind, so the caller names it. */
export function refOf(kind: string, object: any, apiVersion?: string): ObjectRef {
  return {
    apiVersion,
    kind,
    namespace: object?.metadata?.namespace,
    name: object?.metadata?.name,
  };
}

/** The condition of a type in a conditions list. */
export function conditionOf(conditions: any[] | undefined, type: string): Condition | undefined {
  const found = (conditions ?? []).find(condition => condition?.type === type);
  if (!found) return undefined;
  return {
    type: found.type,
    status: found.status,
    reason: found.reason,
    message: found.message,
    lastTransitionTime: found.lastTransitionTime,
  };
}
