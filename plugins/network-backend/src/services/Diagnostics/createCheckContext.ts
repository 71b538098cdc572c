import { ObjectRef } from '@internal/plugin-network-common';
import { CheckContext, CheckRunScope } from './DiagnosticCheck';

/** Everything of a {@link CheckContext} except `inScope`, which follows from the scope. */
export type CheckContextParts = Omit<CheckContext, 'inScope'>;

/** Builds the context a check runs with; `inScope` answers from the run's scope. */
export function createCheckContext(parts: CheckContextParts): CheckContext {
  return { ...parts, inScope: scopeMatcher(parts.scope) };
}

/**
 * Which objects a scope covers: everything for a cluster; the namespace's objects for a
 * namespace (cluster-scoped objects such as pools are outside it); the request-path objects
 * of an entity.
 */
export function scopeMatcher(scope: CheckRunScope): (ref: ObjectRef) => boolean {
  switch (scope.kind) {
    case 'cluster':
      return () => true;
    case 'namespace':
      return ref => ref.namespace === scope.namespace;
    case 'entity': {
      const keys = new Set(scope.objects.map(refKey));
      return ref => keys.has(refKey(ref));
    }
    default:
      return () => false;
  }
}

function refKey(ref: ObjectRef): string {
  return `${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;
}
