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
      loose.spec = { finalizers: ['kubernetes'], ...(loose.spec ?? {}) };
      loose.status = { phase: 'Active' };
      object.metadata.labels = { ...(object.metadata.labels ?? {}), 'kubernetes.io/metadata.name': object.metadata.name };
      break;
    case 'Pod':
      // No kubelet runs these; a pod created through the API stays Pending unless a controller says otherwise.
      loose.status ??= { phase: 'Pending', qosClass: 'BestEffort' };
      break;
    case 'Service': {
      const spec: Loose = (loose.spec ??= {});
      spec.type ??= 'ClusterIP';
      spec.sessionAffinity ??= 'None';
      for (const port of (spec.ports as Loose[] | undefined) ?? []) {
        port.protocol ??= 'TCP';
        port.targetPort ??= port.port;
      }
      break;
    }
    default:
      break;
  }
}
