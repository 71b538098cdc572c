import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleNetwork } from './module';

describe('scaffolderModuleNetwork', () => {
  it('registers every network action with the scaffolder', async () => {
    const addActions = jest.fn();
    await startTestBackend({
      extensionPoints: [[scaffolderActionsExtensionPoint, { addActions }]],
      features: [
        scaffolderModuleNetwork,
        mockServices.rootConfig.factory({
          data: { network: { scaffolder: { allowApply: false } } },
        }),
      ],
    });
    const ids = addActions.mock.calls
      .flat()
      .map((action: { id: string }) => action.id);
    expect(ids).toEqual([
      'network:manifests:render',
      'network:hostname:check',
      'network:preflight',
      'network:manifests:apply',
      'network:repo:publish-local',
      'network:talos:bootstrap',
      'network:baseline:apply',
      'network:catalog:wait',
    ]);
    const dryRunCapable = addActions.mock.calls
      .flat()
      .filter((action: { supportsDryRun?: boolean }) => action.supportsDryRun)
      .map((action: { id: string }) => action.id);
    // Publishing writes outside the workspace, so it never runs in a dry run.
    expect(dryRunCapable).not.toContain('network:repo:publish-local');
  });
});
