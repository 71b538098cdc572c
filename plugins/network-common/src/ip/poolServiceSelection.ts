import { LabelSelector, matchesLabelSelector } from '../selectors';

/** The meta label through which a pool's serviceSelector can match a Service's namespace. */
export const LB_IPAM_SERVICE_NAMESPACE_LABEL =
  'io.kubernetes.service.namespace';
/** The meta label through which a pool's serviceSelector can match a Service's name. */
export const LB_IPAM_SERVICE_NAME_LABEL = 'io.kubernetes.service.name';

/** A Service as far as pool selection reads it. */
export interface ServiceForPoolSelection {
  metadata: {
    namespace?: string;
    name: string;
    labels?: Record<string, string>;
  };
}

/**
 * The labels Cilium LB-IPAM matches a pool's serviceSelector against: the Service's
 * own labels plus its namespace and name under the meta labels above.
 */
export function poolSelectionLabels(
  service: ServiceForPoolSelection,
): Record<string, string> {
  return {
    ...(service.metadata.labels ?? {}),
    [LB_IPAM_SERVICE_NAMESPACE_LABEL]: service.metadata.namespace ?? 'default',
    [LB_IPAM_SERVICE_NAME_LABEL]: service.metadata.name,
  };
}

/** Whether a pool serves a Service: a pool without serviceSelector serves every Service. */
export function poolSelectsService(
  pool: { spec?: { serviceSelector?: LabelSelector | null } },
  service: ServiceForPoolSelection,
): boolean {
  return matchesLabelSelector(
    pool.spec?.serviceSelector,
    poolSelectionLabels(service),
    'matches-everything',
  );
}
