import fs from 'node:fs';
import path from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';
import { scaffolderModuleNetwork } from './module';

const TEMPLATE = path.resolve(
  resolvePackagePath('@internal/plugin-scaffolder-backend-module-network'),
  '../../templates/create-service/template.yaml',
);

describe('templates/create-service', () => {
  const template = yaml.parse(fs.readFileSync(TEMPLATE, 'utf8'));

  it('runs render -> hostname check -> preflight -> publish (local, GitHub or Gitea) -> apply (optional) -> catalog:register -> wait for the catalog', () => {
    expect(template.spec.steps.map((step: any) => step.action)).toEqual([
      'network:manifests:render',
      'network:hostname:check',
      'network:preflight',
      'network:repo:publish-local',
      'publish:github',
      'publish:gitea',
      'network:manifests:apply',
      'catalog:register',
      'network:catalog:wait',
    ]);
    expect(
      template.spec.steps.find((step: any) => step.id === 'apply').if,
    ).toBe('${{ parameters.apply }}');
    const publishers = template.spec.steps.filter((step: any) => step.id.startsWith('publish'));
    expect(publishers.map((step: any) => `${step.id}: ${step.if}`)).toEqual([
      "publish: ${{ (parameters.publishTo or 'local') === 'local' }}",
      "publish-github: ${{ parameters.publishTo === 'github' }}",
      "publish-gitea: ${{ parameters.publishTo === 'gitea' }}",
    ]);
  });

  it('passes only inputs the network actions declare, and every parameter the service needs', async () => {
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
    const parameterNames = template.spec.parameters.flatMap((page: any) =>
      Object.keys(page.properties),
    );
    for (const step of template.spec.steps.filter((candidate: any) =>
      candidate.action.startsWith('network:'),
    )) {
      const schema = actions.get(step.action)!.schema.input as any;
      const declared = Object.keys(schema.properties);
      expect({
        step: step.id,
        unknown: Object.keys(step.input).filter(key => !declared.includes(key)),
      }).toEqual({
        step: step.id,
        unknown: [],
      });
      const missingRequired = (schema.required ?? []).filter(
        (key: string) => !(key in step.input),
      );
      expect({ step: step.id, missingRequired }).toEqual({
        step: step.id,
        missingRequired: [],
      });
      const referenced = Object.values(step.input)
        .map(
          value => /^\$\{\{ parameters\.(\w+) \}\}$/.exec(String(value))?.[1],
        )
        .filter((name): name is string => name !== undefined);
      expect(referenced.filter(name => !parameterNames.includes(name))).toEqual(
        [],
      );
    }
  });

  it('declares the bad-input limits the scaffolder checks before any step runs', () => {
    const service = template.spec.parameters[0].properties;
    expect(service.port).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 65535,
    });
    expect(service.name).toMatchObject({
      maxLength: 63,
      pattern: '^[a-z]([-a-z0-9]*[a-z0-9])?$',
    });
  });
});
