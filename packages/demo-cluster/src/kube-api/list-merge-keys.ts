/**
 * Which lists are maps keyed by a field (strategic merge patch `patchMergeKey`, server-side
 * apply `listMapKeys`) and which are atomic. The real servers read this from Go struct tags and
 * CRD schemas; the demo cluster needs it only for the fields its kinds use, keyed by field name.
 */

const KEY_BY_FIELD: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  ownerReferences: 'uid',
  conditions: 'type',
  listeners: 'name',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
};

/**
 * The merge key of the list at `field` (its last path segment), or undefined for atomic lists.
 * `ports` is keyed by containerPort inside containers and by port elsewhere (Services).
 */
export function mergeKeyFor(field: string, items: unknown[]): string | undefined {
  if (field === 'ports') {
    const first = items.find((item) => item !== null && typeof item === 'object') as Record<string, unknown> | undefined;
    if (!first) return undefined;
    if ('containerPort' in first) return 'containerPort';
    if ('port' in first) return 'port';
    return undefined;
  }
  const key = KEY_BY_FIELD[field];
  if (!key) return undefined;
  // A list whose items lack the key cannot be merged by it; treat it as atomic.
  const allKeyed = items.every((item) => item !== null && typeof item === 'object' && key in (item as object));
  return allKeyed ? key : undefined;
}
