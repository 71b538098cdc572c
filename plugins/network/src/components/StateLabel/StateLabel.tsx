import type { ReactNode } from 'react';
import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import type { HopState } from '@internal/plugin-network-common';

/** The word shown for each state, so no state is told by colour alone. */
export const STATE_TEXT: Record<HopState, string> = {
  ok: 'OK',
  warning: 'Warning',
  failing: 'Failing',
  unknown: 'Unknown',
};

/**
 * A state as a coloured dot followed by its name in text (and an optional detail,
 * e.g. the upstream reason), using Backstage's status components.
 */
export const StateLabel = (props: {
  state: HopState;
  children?: ReactNode;
}) => {
  const { state, children } = props;
  const text = (
    <>
      {STATE_TEXT[state]}
      {children ? <>: {children}</> : null}
    </>
  );
  switch (state) {
    case 'ok':
      return <StatusOK>{text}</StatusOK>;
    case 'warning':
      return <StatusWarning>{text}</StatusWarning>;
    case 'failing':
      return <StatusError>{text}</StatusError>;
    default:
      return <StatusPending>{text}</StatusPending>;
  }
};
