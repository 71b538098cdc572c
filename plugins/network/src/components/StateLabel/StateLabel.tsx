import type { ComponentType, ReactNode } from 'react';
import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';

/** Backstage's status components, typed with the ARIA props they pass on to their span. */
type StatusComponent = ComponentType<{
  children?: ReactNode;
  'aria-hidden'?: boolean;
  'aria-label'?: string;
}>;

/**
 * Backstage marks the whole status span aria-hidden (text included), so a screen reader
 * would skip the state's word; these props undo that and let the text be read.
 */
const READ_THE_TEXT = { 'aria-hidden': undefined, 'aria-label': undefined };
const Ok = StatusOK as StatusComponent;
const Warn = StatusWarning as StatusComponent;
const Bad = StatusError as StatusComponent;
const Pending = StatusPending as StatusComponent;
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
      return <Ok {...READ_THE_TEXT}>{text}</Ok>;
    case 'warning':
      return <Warn {...READ_THE_TEXT}>{text}</Warn>;
    case 'failing':
      return <Bad {...READ_THE_TEXT}>{text}</Bad>;
    default:
      return <Pending {...READ_THE_TEXT}>{text}</Pending>;
  }
};
