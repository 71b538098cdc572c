import { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/** One rule of the access policy: these permissions are allowed to these principals. */
export interface AccessRule {
  /** Permission names; a trailing `*` matches by prefix (`network.*`). */
  permissions: string[];
  /** Entity refs of users or groups (`group:default/platform-team`), or `*` for any signed-in user. */
  allow: string[];
}

/** The `accessPolicy` block of app-config, validated. */
export interface AccessPolicyConfig {
  defaultDecision: 'allow' | 'deny';
  rules: AccessRule[];
}

/** Thrown for a malformed `accessPolicy` block; the message names the key. */
export class AccessPolicyConfigError extends Error {
  constructor(key: string, problem: string) {
    super(`Invalid configuration at ${key}: ${problem}`);
    this.name = 'AccessPolicyConfigError';
  }
}

const PERMISSION_PATTERN = /^[a-z0-9][a-z0-9.-]*(\.\*|\*)?$|^\*$/i;

/**
 * Reads and validates `accessPolicy`. Without the block every permission is allowed, as
 * Backstage's allow-all policy would, so a fresh setup keeps working.
 */
export function readAccessPolicyConfig(root: Config): AccessPolicyConfig {
  const block = root.getOptionalConfig('accessPolicy');
  if (!block) {
    return { defaultDecision: 'allow', rules: [] };
  }
  const defaultDecision = block.getOptionalString('defaultDecision') ?? 'deny';
  if (defaultDecision !== 'allow' && defaultDecision !== 'deny') {
    throw new AccessPolicyConfigError(
      'accessPolicy.defaultDecision',
      `expected "allow" or "deny", got "${defaultDecision}"`,
    );
  }
  const rules = (block.getOptionalConfigArray('rules') ?? []).map(
    (rule, index) => readRule(rule, `accessPolicy.rules[${index}]`),
  );
  return { defaultDecision, rules };
}

function readRule(rule: Config, key: string): AccessRule {
  const permissions = rule.getStringArray('permissions');
  if (permissions.length === 0) {
    throw new AccessPolicyConfigError(`${key}.permissions`, 'must name at least one permission');
  }
  permissions.forEach((permission, index) => {
    if (!PERMISSION_PATTERN.test(permission)) {
      throw new AccessPolicyConfigError(
        `${key}.permissions[${index}]`,
        `"${permission}" is not a permission name (like network.read or network.*)`,
      );
    }
  });
  const allow = rule.getStringArray('allow').map((principal, index) => {
    if (principal === '*') return principal;
    try {
      const ref = parseEntityRef(principal);
      if (ref.kind.toLocaleLowerCase('en-US') !== 'user' && ref.kind.toLocaleLowerCase('en-US') !== 'group') {
        throw new Error('kind must be user or group');
      }
      return stringifyEntityRef(ref);
    } catch (error) {
      throw new AccessPolicyConfigError(
        `${key}.allow[${index}]`,
        `"${principal}" is not a user or group reference like group:default/platform-team (${
          (error as Error).message
        })`,
      );
    }
  });
  return { permissions, allow };
}
