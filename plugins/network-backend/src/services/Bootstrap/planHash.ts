import { createHash } from 'node:crypto';
import { BootstrapPlanStep } from '@internal/plugin-network-common';

/**
 * JSON with object keys sorted at every level, so equal values give equal text whatever
 * order their keys were built in.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      // Code-unit order, the same in every locale; keys of one object are unique.
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The hash a user confirms: sha256 over the cluster and the steps with their objects and
 * changes, never over timestamps, so the same cluster state gives the same hash.
 */
export function bootstrapPlanHash(cluster: string, steps: BootstrapPlanStep[]): string {
  return createHash('sha256').update(canonicalJson({ cluster, steps })).digest('hex');
}
