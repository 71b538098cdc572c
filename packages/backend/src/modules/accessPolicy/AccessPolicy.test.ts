import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { AccessPolicy } from './AccessPolicy';
import { readAccessPolicyConfig } from './AccessPolicyConfig';

const config = readAccessPolicyConfig(
  new ConfigReader({
    accessPolicy: {
      defaultDecision: 'allow',
      rules: [
        { permissions: ['network.bootstrap.run'], allow: ['group:default/platform-team'] },
        {
          permissions: ['network.diagnostics.*'],
          allow: ['group:default/platform-team', 'Group:default/App-Team'],
        },
        { permissions: ['network.read'], allow: ['*'] },
        { permissions: ['catalog.entity.delete'], allow: ['user:default/alice'] },
      ],
    },
  }),
);

function user(userEntityRef: string, groups: string[]): PolicyQueryUser {
  return {
    token: 'token',
    expiresInSeconds: 60,
    identity: { type: 'user', userEntityRef, ownershipEntityRefs: [userEntityRef, ...groups] },
    credentials: {} as PolicyQueryUser['credentials'],
    info: { userEntityRef, ownershipEntityRefs: [userEntityRef, ...groups] },
  } as PolicyQueryUser;
}

const platformUser = user('user:default/alice', ['group:default/platform-team']);
const appUser = user('user:default/bob', ['group:default/app-team']);
const loneUser = user('user:default/carol', []);

function query(name: string) {
  return {
    permission: { type: 'basic' as const, name, attributes: {} },
  };
}

describe('AccessPolicy', () => {
  const policy = new AccessPolicy(config);

  it.each([
    ['network.bootstrap.run', platformUser, AuthorizeResult.ALLOW],
    ['network.bootstrap.run', appUser, AuthorizeResult.DENY],
    ['network.bootstrap.run', loneUser, AuthorizeResult.DENY],
    ['network.diagnostics.run', appUser, AuthorizeResult.ALLOW],
    ['network.diagnostics.run', loneUser, AuthorizeResult.DENY],
    ['network.read', loneUser, AuthorizeResult.ALLOW],
    ['network.read', undefined, AuthorizeResult.DENY],
    ['catalog.entity.delete', platformUser, AuthorizeResult.ALLOW],
    ['catalog.entity.delete', appUser, AuthorizeResult.DENY],
    ['catalog.entity.read', loneUser, AuthorizeResult.ALLOW],
  ])('%s for %o gives %s', async (name, who, expected) => {
    const decision = await policy.handle(query(name), who);
    expect(decision.result).toBe(expected);
  });

  it('denies permissions no rule names when the default is deny', async () => {
    const strict = new AccessPolicy({ ...config, defaultDecision: 'deny' });
    expect((await strict.handle(query('catalog.entity.read'), platformUser)).result).toBe(
      AuthorizeResult.DENY,
    );
  });
});

describe('readAccessPolicyConfig', () => {
  it('allows everything when the block is absent', () => {
    expect(readAccessPolicyConfig(new ConfigReader({}))).toEqual({
      defaultDecision: 'allow',
      rules: [],
    });
  });

  it.each([
    [{ defaultDecision: 'maybe' }, 'accessPolicy.defaultDecision'],
    [{ rules: [{ permissions: [], allow: ['*'] }] }, 'accessPolicy.rules[0].permissions'],
    [{ rules: [{ permissions: ['bad name!'], allow: ['*'] }] }, 'accessPolicy.rules[0].permissions[0]'],
    [
      { rules: [{ permissions: ['network.read'], allow: ['*', 'component:default/x'] }] },
      'accessPolicy.rules[0].allow[1]',
    ],
    [{ rules: [{ permissions: ['network.read'], allow: ['::'] }] }, 'accessPolicy.rules[0].allow[0]'],
  ])('rejects %o naming %s', (block, key) => {
    expect(() => readAccessPolicyConfig(new ConfigReader({ accessPolicy: block }))).toThrow(
      `Invalid configuration at ${key}:`,
    );
  });
});
