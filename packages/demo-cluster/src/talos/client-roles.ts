/**
 * Talos API role-based access: the roles of a caller are the Organization (O=) entries of
 * its client certificate (`os:admin`, `os:operator`, `os:reader`, `os:etcd:backup`).
 */
import type { PeerCertificate } from 'node:tls';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { TalosApiError } from './api-error.ts';

/** The Talos roles the demo apid knows. */
export type TalosRole = 'os:admin' | 'os:operator' | 'os:reader' | 'os:etcd:backup';

/** Roles allowed to run read-only calls (Version, ServiceList, EtcdMemberList, HealthCheck). */
export const READ_ROLES: readonly TalosRole[] = ['os:admin', 'os:operator', 'os:reader'];
/** Roles allowed to reboot a node. */
export const OPERATE_ROLES: readonly TalosRole[] = ['os:admin', 'os:operator'];
/** Roles allowed to bootstrap etcd. */
export const ADMIN_ROLES: readonly TalosRole[] = ['os:admin'];

/** The Organization entries of a peer certificate (Node gives one string or an array). */
export function organizationsOf(certificate: PeerCertificate | undefined): string[] {
  const organization = certificate?.subject?.O as string | string[] | undefined;
  if (organization === undefined) return [];
  return Array.isArray(organization) ? organization : [organization];
}

/** Throws PermissionDenied unless one of the certificate's organizations is an allowed role. */
export function requireRole(certificate: PeerCertificate | undefined, allowed: readonly TalosRole[]): void {
  const organizations = organizationsOf(certificate);
  if (!organizations.some((organization) => (allowed as readonly string[]).includes(organization))) {
    // apid's authorizer answers with this text for a role that lacks the method.
    throw new TalosApiError(GrpcStatus.PERMISSION_DENIED, 'not authorized');
  }
}
