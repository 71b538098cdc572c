/**
 * A deep copy for JSON-shaped data (plain objects, arrays, strings, numbers, booleans, null).
 * Kubernetes objects are JSON, and this is several times faster than structuredClone for them,
 * which matters when seeding tens of thousands of objects.
 */
export function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const copy = new Array(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = cloneJson(value[i]);
    return copy as T;
  }
  const copy: Record<string, unknown> = {};
  for (const key in value as Record<string, unknown>) {
    if (!Object.hasOwn(value as object, key)) continue;
    const child = (value as Record<string, unknown>)[key];
    // Like JSON, drop undefined members.
    if (child !== undefined) copy[key] = cloneJson(child);
  }
  return copy as T;
}
