import { BaselineGateway, BaselineGatewayClass, BaselineListener, BaselineManifest } from './networkBaseline';

/** The annotation Cilium LB-IPAM reads the requested LoadBalancer IP from. */
export const LBIPAM_IPS_ANNOTATION = 'lbipam.cilium.io/ips';
/** The annotation cert-manager's gateway shim issues listener certificates from. */
export const CLUSTER_ISSUER_ANNOTATION = 'cert-manager.io/cluster-issuer';

/** The GatewayClass (gateway.networking.k8s.io/v1). */
export function gatewayClassManifest(gatewayClass: BaselineGatewayClass): BaselineManifest {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'GatewayClass',
    metadata: { name: gatewayClass.name },
    spec: {
      controllerName: gatewayClass.controllerName,
      ...(gatewayClass.description ? { description: gatewayClass.description } : {}),
    },
  };
}

/**
 * Gateways of the class. The address is requested through the LB-IPAM annotation on the
 * Service the controller creates (`spec.infrastructure.annotations`), which works with
 * Cilium's controller on every version that has `infrastructure`.
 */
export function gatewayManifests(gateways: BaselineGateway[], gatewayClassName: string): BaselineManifest[] {
  return gateways.map(gateway => {
    const annotations = {
      ...(gateway.clusterIssuer ? { [CLUSTER_ISSUER_ANNOTATION]: gateway.clusterIssuer } : {}),
      ...gateway.annotations,
    };
    const infrastructureAnnotations = {
      ...(gateway.address ? { [LBIPAM_IPS_ANNOTATION]: gateway.address } : {}),
      ...gateway.infrastructureAnnotations,
    };
    return {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: {
        name: gateway.name,
        namespace: gateway.namespace,
        ...(Object.keys(annotations).length ? { annotations } : {}),
      },
      spec: {
        gatewayClassName,
        ...(Object.keys(infrastructureAnnotations).length
          ? { infrastructure: { annotations: infrastructureAnnotations } }
          : {}),
        listeners: gateway.listeners.map(listenerSpec),
      },
    };
  });
}

function listenerSpec(listener: BaselineListener): Record<string, unknown> {
  return {
    name: listener.name,
    protocol: listener.protocol,
    port: listener.port,
    ...(listener.hostname ? { hostname: listener.hostname } : {}),
    ...(listener.allowedRoutesFrom ? { allowedRoutes: { namespaces: { from: listener.allowedRoutesFrom } } } : {}),
    ...(listener.tls
      ? {
          tls: {
            mode: listener.tls.mode ?? 'Terminate',
            certificateRefs: listener.tls.certificateRefs.map(ref => ({
              kind: 'Secret',
              name: ref.name,
              ...(ref.namespace ? { namespace: ref.namespace } : {}),
            })),
          },
        }
      : {}),
  };
}
