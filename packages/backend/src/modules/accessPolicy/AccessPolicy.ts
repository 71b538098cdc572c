import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { AccessPolicyConfig, AccessRule } from './AccessPolicyConfig';

/**
 * The portal's permission policy, driven by the `accessPolicy` config block. The first rule
 * whose permissions match the request decides: allow when the user or one of the groups it
 * belongs to (its ownership refs) is listed, deny otherwise. Permissions that no rule names
 * get the default decision.
 */
export class AccessPolicy implements PermissionPolicy {
  private readonly config: AccessPolicyConfig;

  constructor(config: AccessPolicyConfig) {
    this.config = config;
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const rule = this.config.rules.find(candidate =>
      candidate.permissions.some(pattern =>
        matchesPermission(pattern, request.permission.name),
      ),
    );
    if (!rule) {
      return {
        result:
          this.config.defaultDecision === 'allow'
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      };
    }
    return {
      result: isAllowed(rule, user) ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
    };
  }
}

function matchesPermission(pattern: string, name: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('*')) return name.startsWith(pattern.slice(0, -1));
  return pattern === name;
}

function isAllowed(rule: AccessRule, user?: PolicyQueryUser): boolean {
  if (!user) return false;
  if (rule.allow.includes('*')) return true;
  const principals = new Set(
    [user.info.userEntityRef, ...user.info.ownershipEntityRefs].map(ref =>
      ref.toLocaleLowerCase('en-US'),
    ),
  );
  return rule.allow.some(ref => principals.has(ref.toLocaleLowerCase('en-US')));
}
