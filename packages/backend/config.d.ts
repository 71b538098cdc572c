export interface Config {
  /**
   * The portal's permission policy. The first rule whose `permissions` match a request
   * decides; permissions that no rule names get `defaultDecision`.
   */
  accessPolicy?: {
    /**
     * Decision for permissions that no rule names.
     * @default deny
     * @visibility backend
     */
    defaultDecision?: 'allow' | 'deny';
    /**
     * Rules in order of precedence.
     * @visibility backend
     */
    rules?: Array<{
      /** Permission names, e.g. network.read; a trailing `*` matches by prefix. */
      permissions: string[];
      /** User or group entity refs, or `*` for any signed-in user. */
      allow: string[];
    }>;
  };
}
