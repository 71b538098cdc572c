import { Condition } from '../types';
import { LabelSelector } from '../selectors';

/** The Gateway API group; parentRefs and allowedRoutes kinds default to it. */
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

/** A Gateway listener (`spec.listeners[]`), the fields attachment reads. */
export interface GatewayListener {
  name: string;
  hostname?: string;
  port: number;
  protocol: string;
  tls?: {
    mode?: 'Terminate' | 'Passthrough';
    certificateRefs?: {
      group?: string;
      kind?: string;
      name: string;
      namespace?: string;
    }[];
  };
  allowedRoutes?: {
    namespaces?: {
      from?: 'Same' | 'All' | 'Selector' | 'None' | string;
      selector?: LabelSelector;
    };
    kinds?: { group?: string; kind: string }[];
  };
}

/** A Gateway object as far as route attachment needs it. */
export interface GatewayObject {
  metadata: {
    namespace?: string;
    name: string;
    annotations?: Record<string, string>;
  };
  spec?: { gatewayClassName?: string; listeners?: GatewayListener[] };
  status?: {
    addresses?: { type?: string; value: string }[];
    conditions?: Condition[];
    listeners?: {
      name: string;
      attachedRoutes?: number;
      conditions?: Condition[];
    }[];
  };
}

/** A route's `spec.parentRefs[]` entry. */
export interface ParentReference {
  group?: string;
  kind?: string;
  namespace?: string;
  name: string;
  sectionName?: string;
  port?: number;
}

/** An HTTPRoute, GRPCRoute or TLSRoute as far as attachment needs it. */
export interface RouteObject {
  kind: string;
  metadata: { namespace?: string; name: string };
  spec?: { parentRefs?: ParentReference[]; hostnames?: string[] };
}
