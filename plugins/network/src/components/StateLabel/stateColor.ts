import type { BackstageTheme } from '@backstage/theme';
import type { HopState } from '@internal/plugin-network-common';

/** The theme's status colour for a state (the same palette the status labels use). */
export function stateColor(theme: BackstageTheme, state: HopState): string {
  const status = theme.palette.status;
  switch (state) {
    case 'ok':
      return status.ok;
    case 'warning':
      return status.warning;
    case 'failing':
      return status.error;
    default:
      return status.pending;
  }
}
