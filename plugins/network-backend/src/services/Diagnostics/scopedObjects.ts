import { CheckFinding, CheckOutcome, ObjectRef } from '@internal/plugin-network-common';
import { refOf } from '../RequestPathResolver/objectRefs';
import { CheckContext } from './DiagnosticCheck';

/**
 * The cached objects of a kind that a run's scope covers. An entity scope looks its objects up
 * one by one (no scan of the kind), a namespace scope reads the namespace index, a cluster scope
 * lists everything. Cluster-scoped kinds are outside a namespace scope.
 */
export function objectsInScope(context: CheckContext, kind: string): any[] {
  const { cache, scope } = context;
  let objects: any[];
  if (scope.kind === 'entity') {
    objects = scope.objects
      .filter(ref => ref.kind === kind)
      .map(ref => cache.get(kind, ref.namespace, ref.name))
      .filter(Boolean);
  } else if (scope.kind === 'namespace') {
    objects = cache.list(kind, scope.namespace);
  } else {
    objects = cache.list(kind);
  }
  return objects.filter(object => context.inScope(refOf(kind, object)));
}

/** The namespaces a run's scope covers; undefined for a cluster scope (every namespace). */
export function namespacesInScope(context: CheckContext): string[] | undefined {
  const { scope } = context;
  if (scope.kind === 'namespace') return [scope.namespace];
  if (scope.kind === 'entity') return scope.namespaces;
  return undefined;
}

/** A finding about one object, with the fields that decided it. */
export function objectFinding(
  outcome: CheckOutcome,
  object: ObjectRef,
  message: string,
  fields: Record<string, string> = {},
  extraObjects: ObjectRef[] = [],
): CheckFinding {
  return {
    outcome,
    subject: `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${object.name}`,
    message,
    object,
    evidence: { objects: [object, ...extraObjects], fields },
  };
}

/** `True Reason` for a condition, `absent` when there is none: the form evidence fields carry. */
export function conditionText(condition: { status?: string; reason?: string } | undefined): string {
  return condition ? `${condition.status ?? 'Unknown'} ${condition.reason ?? ''}`.trim() : 'absent';
}

/** `n thing(s)` for summaries. */
export function countOf(count: number, noun: string, plural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : plural}`;
}
