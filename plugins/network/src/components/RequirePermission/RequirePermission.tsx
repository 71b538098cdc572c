import type { ReactNode } from 'react';
import { usePermission } from '@backstage/plugin-permission-react';
import type { BasicPermission } from '@backstage/plugin-permission-common';
import { Typography } from '@material-ui/core';

/**
 * Shows its children only to users the permission framework allows; otherwise a sentence
 * naming the missing permission and what it is for, so the user knows what to ask for.
 */
export const RequirePermission = (props: {
  permission: BasicPermission;
  /** What the permission would let the user do, e.g. `run diagnostics`. */
  purpose: string;
  children: ReactNode;
}) => {
  const { loading, allowed } = usePermission({ permission: props.permission });
  if (loading) return null;
  if (!allowed) {
    return (
      <Typography variant="body2" color="textSecondary">
        You cannot {props.purpose}: the permission {props.permission.name} is
        missing. Ask a portal administrator to grant it.
      </Typography>
    );
  }
  return <>{props.children}</>;
};
