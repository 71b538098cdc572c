/**
 * Records core/v1 Events the way controllers do: one Event per (object, reason, message),
 * its count bumped when the same thing happens again.
 */
import { randomBytes } from 'node:crypto';
import type { KubeObject, ObjectStore } from '../store/types.ts';
import { nowTimestamp } from './status-conditions.ts';

/** Writes Events into the store. */
export interface EventRecorder {
  record(object: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, component: string): void;
}

/** An EventRecorder over `store`; failures to record are ignored, as client-go does. */
export function createEventRecorder(store: ObjectStore, now: () => Date): EventRecorder {
  const recorded = new Map<string, { namespace: string; name: string }>();
  return {
    record(object, type, reason, message, component) {
      const namespace = object.metadata.namespace ?? 'default';
      const identity = `${object.kind}/${namespace}/${object.metadata.name}/${reason}/${message}`;
      const timestamp = nowTimestamp(now());
      try {
        const existing = recorded.get(identity);
        if (existing) {
          const current = store.get({ group: '', plural: 'events' }, existing.namespace, existing.name);
          if (current) {
            store.update({ ...current, count: Number(current.count ?? 1) + 1, lastTimestamp: timestamp });
            return;
          }
        }
        const name = `${object.metadata.name}.${randomBytes(8).toString('hex')}`;
        store.create({
          apiVersion: 'v1',
          kind: 'Event',
          metadata: { name, namespace },
          involvedObject: {
            apiVersion: object.apiVersion,
            kind: object.kind,
            name: object.metadata.name,
            ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
            uid: object.metadata.uid,
            resourceVersion: object.metadata.resourceVersion,
          },
          reason,
          message,
          type,
          source: { component },
          reportingComponent: component,
          reportingInstance: '',
          firstTimestamp: timestamp,
          lastTimestamp: timestamp,
          count: 1,
        });
        recorded.set(identity, { namespace, name });
      } catch {
        // Events are best effort.
      }
    },
  };
}
