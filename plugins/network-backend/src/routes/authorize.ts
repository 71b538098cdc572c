import express from 'express';
import { BackstageCredentials, HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult, BasicPermission } from '@backstage/plugin-permission-common';

/** Checks a permission for the caller of a request; returns the caller's credentials. */
export type Authorize = (req: express.Request, permission: BasicPermission) => Promise<BackstageCredentials>;

/** A 403 naming the permission when the policy denies it. */
export function createAuthorize(httpAuth: HttpAuthService, permissions: PermissionsService): Authorize {
  return async (req, permission) => {
    const credentials = await httpAuth.credentials(req);
    const [decision] = await permissions.authorize([{ permission }], { credentials });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`${permission.name} is not allowed`);
    }
    return credentials;
  };
}

/** Who a run is recorded as: the user's entity ref, or the calling plugin. */
export function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as { type?: string; userEntityRef?: string; subject?: string };
  if (principal.type === 'user' && principal.userEntityRef) return principal.userEntityRef;
  if (principal.type === 'service' && principal.subject) return principal.subject;
  return 'unknown';
}
