import fs from 'node:fs';
import path from 'node:path';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createMockDirectory } from '@backstage/backend-test-utils';
import yaml from 'yaml';
import { ManifestValidator } from '../services/ManifestValidator/ManifestValidator';
import { createRenderManifestsAction } from './renderManifests';
import { examples } from './renderManifests.examples';

describe('network:manifests:render examples', () => {
  const workspace = createMockDirectory();
  const action = createRenderManifestsAction({
    validator: new ManifestValidator(),
    allowedDomains: ['demo.lab'],
  });

  beforeEach(() => workspace.clear());

  it.each(examples.map(example => [example.description, example] as const))(
    '%s',
    async (_, example) => {
      const input = yaml.parse(example.example).steps[0].input;
      await action.handler(
        createMockActionContext({ input, workspacePath: workspace.path }),
      );
      const directory = path.join(
        workspace.path,
        `kubernetes/apps/${input.namespace}/${input.name}/app`,
      );
      const kustomization = yaml.parse(
        fs.readFileSync(path.join(directory, 'kustomization.yaml'), 'utf8'),
      );
      for (const file of kustomization.resources) {
        expect(fs.existsSync(path.join(directory, file))).toBe(true);
      }
      expect(kustomization.resources.length).toBeGreaterThanOrEqual(5);
    },
  );

  it('the second example renders an Ingress of class external and a tunnel DNSEndpoint', async () => {
    const input = yaml.parse(examples[1].example).steps[0].input;
    await action.handler(
      createMockActionContext({ input, workspacePath: workspace.path }),
    );
    const directory = path.join(
      workspace.path,
      'kubernetes/apps/default/hello/app',
    );
    const ingress = yaml.parse(
      fs.readFileSync(path.join(directory, 'ingress.yaml'), 'utf8'),
    );
    expect(ingress.spec.ingressClassName).toBe('external');
    const record = yaml.parse(
      fs.readFileSync(path.join(directory, 'dnsendpoint.yaml'), 'utf8'),
    );
    expect(record.spec.endpoints[0].targets).toEqual(['external.demo.lab']);
  });
});
