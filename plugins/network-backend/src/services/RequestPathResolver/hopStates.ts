import { Hop, HopState } from '@internal/plugin-network-common';

const SEVERITY: Record<HopState, number> = { ok: 0, unknown: 1, warning: 2, failing: 3 };

/** The worst of several states (ok < unknown < warning < failing); `ok` for none. */
export function worstState(states: HopState[]): HopState {
  return states.reduce<HopState>((worst, state) => (SEVERITY[state] > SEVERITY[worst] ? state : worst), 'ok');
}

/** The worst state of a list of hops. */
export function worstHopState(hops: Hop[]): HopState {
  return worstState(hops.map(hop => hop.state));
}
