import fs from 'node:fs';
import path from 'node:path';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createMockDirectory } from '@backstage/backend-test-utils';
import yaml from 'yaml';
import { ManifestValidator } from '../services/ManifestValidator/ManifestValidator';
import { createRenderManifestsAction } from './renderManifests';
import { EXAMPLE_SERVICE_INPUT } from './exampleServiceInput';

describe('network:manifests:render', () => {
  const workspace = createMockDirectory();
  const action = createRenderManifestsAction({
    validator: new ManifestValidator(),
    allowedDomains: ['demo.lab'],
  });

  beforeEach(() => workspace.clear());

  function context(input: Record<string, unknown>) {
    return createMockActionContext({
      input: input as any,
      workspacePath: workspace.path,
    });
  }

  it('writes the repository: manifests, kustomization, catalog-info.yaml, README', async () => {
    const ctx = context({ ...EXAMPLE_SERVICE_INPUT, targetPath: 'repo' });
    await action.handler(ctx);
    const root = path.join(workspace.path, 'repo');
    const route = yaml.parse(
      fs.readFileSync(
        path.join(root, 'kubernetes/apps/default/hello/app/httproute.yaml'),
        'utf8',
      ),
    );
    expect(route.spec.parentRefs).toEqual([
      {
        group: 'gateway.networking.k8s.io',
        kind: 'Gateway',
        name: 'envoy-internal',
        namespace: 'network',
        sectionName: 'https',
      },
    ]);
    expect(route.metadata.annotations).toEqual({
      'external-dns.alpha.kubernetes.io/hostname': 'hello.demo.lab',
    });
    const catalog = yaml.parse(
      fs.readFileSync(path.join(root, 'catalog-info.yaml'), 'utf8'),
    );
    expect(catalog.metadata.annotations['backstage.io/kubernetes-id']).toBe(
      'hello',
    );
    expect(fs.readFileSync(path.join(root, 'README.md'), 'utf8')).toContain(
      'https://hello.demo.lab',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'appDirectory',
      'kubernetes/apps/default/hello/app',
    );
    expect(ctx.output).toHaveBeenCalledWith('kinds', [
      'Deployment',
      'Service',
      'HTTPRoute',
      'CiliumNetworkPolicy',
      'CiliumNetworkPolicy',
    ]);
    expect(ctx.output).toHaveBeenCalledWith(
      'files',
      expect.arrayContaining([
        'repo/kubernetes/apps/default/hello/app/kustomization.yaml',
      ]),
    );
  });

  it('keeps a description with YAML-looking text a plain string', async () => {
    await action.handler(
      context({
        ...EXAMPLE_SERVICE_INPUT,
        description: 'key: value # not a comment - [x]',
      }),
    );
    const catalog = yaml.parse(
      fs.readFileSync(path.join(workspace.path, 'catalog-info.yaml'), 'utf8'),
    );
    expect(catalog.metadata.description).toBe(
      'key: value # not a comment - [x]',
    );
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    [
      'an invalid name',
      { name: 'Hello_World' },
      /name: name 'Hello_World' must consist of lowercase/,
    ],
    [
      'an over-long name',
      { name: `a${'b'.repeat(70)}` },
      /name: name '.*' is 71 characters long; at most 63/,
    ],
    [
      'an uppercase hostname',
      { hostname: 'Hello.demo.lab' },
      /hostname: hostname 'Hello.demo.lab' contains uppercase/,
    ],
    [
      'a non-ASCII hostname',
      { hostname: 'hellö.demo.lab' },
      /hostname: hostname 'hellö.demo.lab' contains non-ASCII/,
    ],
    [
      'a hostname outside the allowed domains',
      { hostname: 'hello.example.com' },
      /hostname: .*not under an allowed domain \(demo.lab\)/,
    ],
    ['a ../ name', { name: '../../etc' }, /name: name '..\/..\/etc'/],
    [
      'an absolute namespace',
      { namespace: '/etc' },
      /namespace: namespace '\/etc'/,
    ],
    [
      'YAML injection in the description',
      { description: 'ok\nkind: Secret' },
      /description: description contains a line break/,
    ],
    [
      'template injection in the description',
      { description: '${{ secrets.GITHUB_TOKEN }}' },
      /description: description contains the template marker/,
    ],
    ['port 0', { port: 0 }, /port: port 0 is outside 1-65535/],
    ['port 70000', { port: 70000 }, /port: port 70000 is outside 1-65535/],
    [
      'a missing gateway',
      { gateway: undefined },
      /gateway: routing.internal.name is required/,
    ],
    [
      'a malformed extra egress',
      { extraEgress: ['data/postgres'] },
      /extraEgress\[0\]: .*not namespace\/name:port/,
    ],
  ])(
    'refuses %s, naming the field, and writes nothing',
    async (_, overrides, message) => {
      await expect(
        action.handler(context({ ...EXAMPLE_SERVICE_INPUT, ...overrides })),
      ).rejects.toThrow(message);
      expect(fs.readdirSync(workspace.path)).toEqual([]);
    },
  );

  it.each(['../outside', '/etc'])(
    'refuses the target path %s',
    async targetPath => {
      await expect(
        action.handler(context({ ...EXAMPLE_SERVICE_INPUT, targetPath })),
      ).rejects.toThrow(
        /Relative path is not allowed to refer to a directory outside its parent/,
      );
      expect(fs.readdirSync(workspace.path)).toEqual([]);
    },
  );
});
