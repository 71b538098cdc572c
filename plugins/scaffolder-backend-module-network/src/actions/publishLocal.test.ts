import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { LocalRepositories } from '../services/LocalRepositories/LocalRepositories';
import { createLocalRepositoryUrlReader } from '../services/LocalRepositories/localRepositoryUrlReader';
import { createPublishLocalAction } from './publishLocal';

describe('network:repo:publish-local', () => {
  const workspace = createMockDirectory();
  const data = createMockDirectory();
  const repositories = new LocalRepositories(
    path.join(data.path, 'repositories'),
  );
  const action = createPublishLocalAction({
    repositories,
    author: { name: 'Pathway', email: 'pathway@localhost' },
  });

  beforeEach(() => {
    workspace.clear();
    data.clear();
    workspace.setContent({
      'catalog-info.yaml':
        'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: hello\n',
      'kubernetes/apps/default/hello/app/service.yaml': 'kind: Service\n',
    });
  });

  it('publishes the workspace to a bare git repository and a readable checkout', async () => {
    const ctx = createMockActionContext({
      input: {
        repoName: 'hello',
        sourcePath: '.',
        commitMessage: 'Create hello',
      },
      workspacePath: workspace.path,
    });
    await action.handler(ctx);
    const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    expect(outputs.remoteUrl).toBe(
      `file://${path.join(data.path, 'repositories', 'hello.git')}`,
    );
    expect(outputs.catalogInfoUrl).toBe(
      `file://${path.join(
        data.path,
        'repositories',
        'checkouts',
        'hello',
        'catalog-info.yaml',
      )}`,
    );

    // A real repository: clone it and read the commit.
    const clone = path.join(data.path, 'clone');
    execFileSync('git', [
      'clone',
      '--quiet',
      fileURLToPath(outputs.remoteUrl),
      clone,
    ]);
    expect(
      fs.readFileSync(
        path.join(clone, 'kubernetes/apps/default/hello/app/service.yaml'),
        'utf8',
      ),
    ).toBe('kind: Service\n');
    expect(
      execFileSync('git', ['-C', clone, 'log', '--format=%s|%an', '-1'], {
        encoding: 'utf8',
      }).trim(),
    ).toBe('Create hello|Pathway');
    expect(
      execFileSync('git', ['-C', clone, 'rev-parse', 'HEAD'], {
        encoding: 'utf8',
      }).trim(),
    ).toBe(outputs.commitHash);
    // The workspace stays free of git metadata.
    expect(fs.existsSync(path.join(workspace.path, '.git'))).toBe(false);

    // The catalog reads catalog-info.yaml through the local URL reader, and nothing else on disk.
    const reader = createLocalRepositoryUrlReader(repositories);
    const response = await reader.readUrl(outputs.catalogInfoUrl);
    expect((await response.buffer()).toString()).toContain('name: hello');
    await expect(reader.readUrl('file:///etc/passwd')).rejects.toThrow(
      'is not a local repository file',
    );
    await expect(
      reader.readUrl(
        `file://${path.join(
          data.path,
          'repositories',
          'checkouts',
          '..',
          'hello.git',
          'config',
        )}`,
      ),
    ).rejects.toThrow('is not a local repository file');
  });

  it('never overwrites an existing repository', async () => {
    await action.handler(
      createMockActionContext({
        input: {
          repoName: 'hello',
          sourcePath: '.',
          commitMessage: 'Initial commit',
        },
        workspacePath: workspace.path,
      }),
    );
    await expect(
      action.handler(
        createMockActionContext({
          input: {
            repoName: 'hello',
            sourcePath: '.',
            commitMessage: 'Initial commit',
          },
          workspacePath: workspace.path,
        }),
      ),
    ).rejects.toThrow(/Repository hello already exists/);
  });

  it.each<[string, Record<string, string>, RegExp]>([
    [
      'a ../ repository name',
      { repoName: '../escape' },
      /repoName '..\/escape' must be lowercase letters, digits and '-'/,
    ],
    [
      'an absolute repository name',
      { repoName: '/tmp/x' },
      /repoName '\/tmp\/x'/,
    ],
    [
      'a ../ source path',
      { repoName: 'hello', sourcePath: '../..' },
      /Relative path is not allowed to refer to a directory outside its parent/,
    ],
    [
      'an absolute source path',
      { repoName: 'hello', sourcePath: '/etc' },
      /Relative path is not allowed/,
    ],
  ])('refuses %s and publishes nothing', async (_, input, message) => {
    await expect(
      action.handler(
        createMockActionContext({
          input: input as any,
          workspacePath: workspace.path,
        }),
      ),
    ).rejects.toThrow(message);
    expect(
      fs.existsSync(path.join(data.path, 'repositories', 'hello.git')),
    ).toBe(false);
    expect(fs.existsSync(path.join(data.path, 'escape.git'))).toBe(false);
  });
});
