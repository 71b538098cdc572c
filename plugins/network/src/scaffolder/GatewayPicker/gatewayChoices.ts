import type {
  Condition,
  GatewaySummary,
  ListenerSummary,
} from '@internal/plugin-network-common';

/** One entry of a picker: the value it sets, what it shows, and its state. */
export interface FieldChoice {
  value: string;
  label: string;
  /** The state in words, e.g. `Programmed` or `Not programmed: AddressNotAssigned`. */
  state: string;
  healthy: boolean;
  /** Extra facts shown under the label. */
  detail: string;
}

const conditionState = (
  conditions: Condition[],
  type: string,
): { healthy: boolean; state: string } => {
  const condition = conditions.find(candidate => candidate.type === type);
  if (!condition) return { healthy: false, state: `${type}: no status yet` };
  if (condition.status === 'True') return { healthy: true, state: type };
  return {
    healthy: false,
    state: `Not ${type.toLowerCase()}${
      condition.reason ? `: ${condition.reason}` : ''
    }`,
  };
};

/** A gateway as `namespace/name`, the form the wizard's actions read. */
export const gatewayRef = (gateway: { namespace: string; name: string }) =>
  `${gateway.namespace}/${gateway.name}`;

/** The gateways as picker entries, healthy (Programmed) ones first. */
export function gatewayChoices(gateways: GatewaySummary[]): FieldChoice[] {
  return gateways
    .map(gateway => {
      const { healthy, state } = conditionState(
        gateway.conditions,
        'Programmed',
      );
      const addresses =
        gateway.addresses.length > 0
          ? gateway.addresses.join(', ')
          : 'no address';
      return {
        value: gatewayRef(gateway),
        label: gatewayRef(gateway),
        state,
        healthy,
        detail: `${gateway.gatewayClassName} · ${addresses} · ${
          gateway.listeners.length
        } listener${gateway.listeners.length === 1 ? '' : 's'}`,
      };
    })
    .sort(
      (a, b) =>
        Number(b.healthy) - Number(a.healthy) || a.label.localeCompare(b.label),
    );
}

const ROUTES_FROM: Record<ListenerSummary['allowedRoutesFrom'], string> = {
  All: 'routes from all namespaces',
  Same: 'routes from its own namespace only',
  Selector: 'routes from selected namespaces',
  None: 'no routes',
};

/** The listeners of one gateway as picker entries, in the gateway's order. */
export function listenerChoices(gateway: GatewaySummary): FieldChoice[] {
  return gateway.listeners.map(listener => {
    const { healthy, state } = conditionState(
      listener.conditions,
      'Programmed',
    );
    return {
      value: listener.name,
      label: `${listener.name} (${listener.protocol} ${listener.port}${
        listener.hostname ? ` ${listener.hostname}` : ''
      })`,
      state,
      healthy,
      detail: `${ROUTES_FROM[listener.allowedRoutesFrom]} · ${
        listener.attachedRoutes
      } attached`,
    };
  });
}

/**
 * Why a listener cannot carry the new service's route, or undefined when it can: the
 * listener must exist, speak HTTP(S) and admit routes from the service's namespace
 * (a `Selector` is only known to the preflight, which reads the namespace's labels).
 */
export function listenerProblem(
  gateway: GatewaySummary,
  listenerName: string,
  namespace: string | undefined,
): string | undefined {
  const listener = gateway.listeners.find(
    candidate => candidate.name === listenerName,
  );
  if (!listener)
    return `gateway ${gatewayRef(gateway)} has no listener '${listenerName}'`;
  if (listener.protocol !== 'HTTP' && listener.protocol !== 'HTTPS')
    return `listener '${listenerName}' speaks ${listener.protocol}; an HTTPRoute needs HTTP or HTTPS`;
  if (listener.allowedRoutesFrom === 'None')
    return `listener '${listenerName}' admits no routes`;
  if (
    listener.allowedRoutesFrom === 'Same' &&
    namespace &&
    namespace !== gateway.namespace
  )
    return `listener '${listenerName}' admits routes from namespace ${gateway.namespace} only, not ${namespace}`;
  return undefined;
}
