import { BaselineManifest, FieldChange, PlannedObject } from '@internal/plugin-network-common';
import { InputError } from '@backstage/errors';
import { KubernetesApiError } from '../KubernetesClient/KubernetesClient';
import { BOOTSTRAP_FIELD_MANAGER, BootstrapKubernetes } from './BootstrapKubernetes';
import { objectFieldChanges } from './objectFieldChanges';

/** The object a manifest names, as plans and evidence carry it. */
export function manifestRef(manifest: BaselineManifest): PlannedObject['ref'] {
  return {
    apiVersion: manifest.apiVersion,
    kind: manifest.kind,
    ...(manifest.metadata.namespace ? { namespace: manifest.metadata.namespace } : {}),
    name: manifest.metadata.name,
  };
}

/** `Gateway network/envoy-internal`, `CiliumLoadBalancerIPPool main-pool`. */
export function manifestLabel(manifest: BaselineManifest): string {
  const { namespace, name } = manifest.metadata;
  return `${manifest.kind} ${namespace ? `${namespace}/` : ''}${name}`;
}

/**
 * What applying one manifest would do, from a server-side apply with `dryRun=All` compared
 * with the live object: create, update (with the fields that change) or unchanged.
 * `namespacesCreatedEarlier` are namespaces the same plan creates first: a dry run of an object
 * inside one cannot succeed yet (the namespace does not exist), so it is a create of the
 * manifest's own fields. A conflict with another field manager shows as an update of the
 * conflicting fields (the real apply will refuse it and name the manager).
 */
export async function planObjectChange(
  client: BootstrapKubernetes,
  manifest: BaselineManifest,
  namespacesCreatedEarlier: ReadonlySet<string>,
): Promise<PlannedObject> {
  const ref = manifestRef(manifest);
  const namespace = manifest.metadata.namespace;
  if (namespace && namespacesCreatedEarlier.has(namespace)) {
    return { ref, change: 'create', fieldChanges: objectFieldChanges({}, manifest) };
  }
  const live = await client.get({
    apiVersion: manifest.apiVersion,
    kind: manifest.kind,
    namespace: manifest.metadata.namespace,
    name: manifest.metadata.name,
  });
  let result: unknown;
  try {
    result = await client.apply(manifest, { fieldManager: BOOTSTRAP_FIELD_MANAGER, dryRun: true });
  } catch (error) {
    if (error instanceof KubernetesApiError && error.statusCode === 409 && live) {
      return { ref, change: 'update', fieldChanges: conflictChanges(error, live, manifest) };
    }
    if (error instanceof KubernetesApiError && error.statusCode >= 400 && error.statusCode < 500) {
      throw new InputError(`${manifestLabel(manifest)} of the baseline cannot be applied: ${error.message}`);
    }
    throw error;
  }
  const fieldChanges = objectFieldChanges(live ?? {}, result);
  if (!live) return { ref, change: 'create', fieldChanges };
  return { ref, change: fieldChanges.length ? 'update' : 'unchanged', fieldChanges };
}

function conflictChanges(error: KubernetesApiError, live: unknown, manifest: BaselineManifest): FieldChange[] {
  return (error.causes ?? [])
    .filter(cause => cause.field)
    .map(cause => {
      const path = cause.field!.replace(/^\./, '');
      const before = valueAt(live, path);
      const after = valueAt(manifest, path);
      return { path, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) };
    });
}

/** Reads a dotted path (`spec.blocks`) of an object; undefined when absent. */
function valueAt(object: unknown, path: string): unknown {
  let current = object;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
