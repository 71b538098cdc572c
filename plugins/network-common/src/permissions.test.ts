import { isResourcePermission } from '@backstage/plugin-permission-common';
import {
  networkBootstrapRunPermission,
  networkDiagnosticsRunPermission,
  networkPermissions,
  networkReadPermission,
} from './permissions';

describe('network permissions', () => {
  it.each([
    [networkReadPermission, 'network.read', { action: 'read' }],
    [networkDiagnosticsRunPermission, 'network.diagnostics.run', {}],
    [networkBootstrapRunPermission, 'network.bootstrap.run', {}],
  ])('%j', (permission, name, attributes) => {
    expect(permission).toEqual({ type: 'basic', name, attributes });
    expect(isResourcePermission(permission)).toBe(false);
  });

  it('lists every permission once', () => {
    expect(networkPermissions.map(permission => permission.name)).toEqual([
      'network.read',
      'network.diagnostics.run',
      'network.bootstrap.run',
    ]);
  });
});
