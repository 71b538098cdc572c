import { useEffect, useRef } from 'react';
import { useApiHolder } from '@backstage/frontend-plugin-api';
import { signalApiRef } from '@backstage/plugin-signals-react';

/** The signal channel the network backend publishes cache changes on. */
export const CLUSTER_CHANGED_CHANNEL = 'network:cluster-changed';

/** The message of a `network:cluster-changed` signal. */
export interface ClusterChangedMessage {
  cluster: string;
  kinds: string[];
}

/**
 * Calls `onChange` whenever the backend signals a change in `cluster`. Subscribes directly
 * (rather than through `useSignal`) so two identical messages in a row still both count.
 * Without the signals plugin this does nothing and the screens show what they loaded.
 */
export function useClusterChanged(
  cluster: string | undefined,
  onChange: (message: ClusterChangedMessage) => void,
): void {
  const signalApi = useApiHolder().get(signalApiRef);
  const callback = useRef(onChange);
  callback.current = onChange;

  useEffect(() => {
    if (!signalApi || !cluster) return undefined;
    const subscription = signalApi.subscribe<{
      cluster: string;
      kinds: string[];
    }>(CLUSTER_CHANGED_CHANNEL, message => {
      if (message.cluster === cluster) callback.current(message);
    });
    return () => subscription.unsubscribe();
  }, [signalApi, cluster]);
}
