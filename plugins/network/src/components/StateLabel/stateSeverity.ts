import type { HopState } from '@internal/plugin-network-common';

const SEVERITY: Record<HopState, number> = {
  failing: 0,
  warning: 1,
  unknown: 2,
  ok: 3,
};

/** Sort key that puts the worst state first (failing, warning, unknown, ok). */
export function stateSeverity(state: HopState): number {
  return SEVERITY[state];
}

/** The worst of several states; `ok` for none. */
export function worstState(states: HopState[]): HopState {
  return states.reduce<HopState>(
    (worst, state) =>
      stateSeverity(state) < stateSeverity(worst) ? state : worst,
    'ok',
  );
}
