/**
 * Field defaults the real API server fills on create for the built-in kinds people create by
 * hand (Secret type, Service type and ports, Namespace phase, Pod phase), so objects read back as usual.
 */
import type { KubeObject } from '../store/types.ts';

type Loose = Record<string, any>;

/** Fills defaults in place on an object about to be created. */
export function applyCreateDefaults(object: KubeObject): void {
  if (object.apiVersion !== 'v1') return;
  const loose = object as Loose;
  switch (object.kind) {
    case 'Secret':
      if (!loose.type) loose.type = 'Opaque';
      break;
    case 'Namespace':
      loose.spec = { finalizers: ['kubernetes'], ...(typeof loose.spec === 'object' && loose.spec !== null ? loose.spec : {}) };
      loose.status = { phase: 'Active' };
      object.metadata.labels = { ...(object.metadata.labels ?? {}), 'kubernetes.io/metadata.name': object.metadata.name };
      break;
    case 'Pod':
      // No kubelet runs these; a pod created through the API stays Pending unless a controller says otherwise.
      loose.status ??= { phase: 'Pending', qosClass: 'BestEffort' };
      break;
    case 'Service': {
      if (loose.spec !== undefined && (loose.spec === null || typeof loose.spec !== 'object' || Array.isArray(loose.spec))) break;
      const spec: Loose = (loose.spec ??= {});
      spec.type ??= 'ClusterIP';
      spec.sessionAffinity ??= 'None';
      // Objects are not schema-checked; only well-formed port lists get defaults.
      for (const port of Array.isArray(spec.ports) ? (spec.ports as unknown[]) : []) {
        if (port === null || typeof port !== 'object') continue;
        (port as Loose).protocol ??= 'TCP';
        (port as Loose).targetPort ??= (port as Loose).port;
      }
      break;
    }
    default:
      break;
  }
}
