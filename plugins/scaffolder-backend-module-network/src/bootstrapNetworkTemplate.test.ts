import fs from 'node:fs';
import path from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';
import { scaffolderModuleNetwork } from './module';

const TEMPLATE = path.resolve(
  resolvePackagePath('@internal/plugin-scaffolder-backend-module-network'),
  '../../templates/bootstrap-network/template.yaml',
);

describe('templates/bootstrap-network', () => {
  const template = yaml.parse(fs.readFileSync(TEMPLATE, 'utf8'));

  it('picks a cluster, then shows the plan and takes its confirmed hash', () => {
    const [clusterPage, planPage] = template.spec.parameters;
    expect(clusterPage.properties.cluster['ui:field']).toBe(
      'NetworkClusterPicker',
    );
    expect(planPage.required).toEqual(['planHash']);
    expect(planPage.properties.planHash['ui:field']).toBe(
      'BootstrapPlanConfirm',
    );
  });

  it('runs exactly one of the bootstrap actions, with declared inputs only', async () => {
    const addActions = jest.fn();
    await startTestBackend({
      extensionPoints: [[scaffolderActionsExtensionPoint, { addActions }]],
      features: [
        scaffolderModuleNetwork,
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
    const actions = new Map(
      addActions.mock.calls.flat().map((action: any) => [action.id, action]),
    );
    expect(
      template.spec.steps.map((step: any) => [step.action, step.if]),
    ).toEqual([
      ['network:talos:bootstrap', "${{ parameters.etcd === 'full' }}"],
      ['network:baseline:apply', "${{ parameters.etcd === 'baseline' }}"],
    ]);
    for (const step of template.spec.steps) {
      const declared = Object.keys(
        (actions.get(step.action)!.schema.input as any).properties,
      );
      expect(
        Object.keys(step.input).filter(key => !declared.includes(key)),
      ).toEqual([]);
      expect(step.input).toEqual({
        cluster: '${{ parameters.cluster }}',
        planHash: '${{ parameters.planHash }}',
      });
    }
  });
});
