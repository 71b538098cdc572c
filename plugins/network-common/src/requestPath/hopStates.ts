import { HopState } from '../types';

/** Severity order of hop states: a path is as bad as its worst hop. */
const HOP_STATE_SEVERITY: Record<HopState, number> = {
  ok: 0,
  unknown: 1,
  warning: 2,
  failing: 3,
};

/**
 * The worst of several states (ok < unknown < warning < failing); `ok` for none.
 * Unknown ranks above ok because a hop that could not be checked must not let a
 * path read as healthy.
 */
export function worstHopState(states: readonly HopState[]): HopState {
  return states.reduce<HopState>(
    (worst, state) =>
      HOP_STATE_SEVERITY[state] > HOP_STATE_SEVERITY[worst] ? state : worst,
    'ok',
  );
}

/** Compares two states by severity, for sorting worst first (`states.sort(compareHopStates).reverse()`). */
export function compareHopStates(a: HopState, b: HopState): number {
  return HOP_STATE_SEVERITY[a] - HOP_STATE_SEVERITY[b];
}
