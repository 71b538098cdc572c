import type { SignalApi } from '@backstage/plugin-signals-react';

/** A signal API for tests: `publish` delivers a message to the current subscribers. */
export function mockSignalApi() {
  const subscribers = new Map<string, Set<(message: any) => void>>();
  const api: SignalApi = {
    subscribe(channel, onMessage) {
      const set = subscribers.get(channel) ?? new Set();
      set.add(onMessage as (message: any) => void);
      subscribers.set(channel, set);
      return {
        unsubscribe: () => set.delete(onMessage as (message: any) => void),
      };
    },
  };
  return {
    api,
    publish(channel: string, message: object) {
      subscribers.get(channel)?.forEach(onMessage => onMessage(message));
    },
    subscriberCount: (channel: string) => subscribers.get(channel)?.size ?? 0,
  };
}
