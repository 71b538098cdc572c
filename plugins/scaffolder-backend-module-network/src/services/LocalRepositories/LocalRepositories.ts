import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ConflictError, InputError } from '@backstage/errors';

const run = promisify(execFile);
const REPOSITORY_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Where a published repository is. */
export interface PublishedRepository {
  /** `file://.../<name>.git`: clone it with `git clone`. */
  remoteUrl: string;
  /** `file://.../checkouts/<name>`: the published files, readable by the catalog. */
  repoContentsUrl: string;
  /** `file://.../checkouts/<name>/catalog-info.yaml`, for `catalog:register`. */
  catalogInfoUrl: string;
  commitHash: string;
}

/**
 * Local git hosting for the demo and tests: each repository is a real bare repository
 * `<dir>/<name>.git`, plus a checkout `<dir>/checkouts/<name>` of its main branch that the
 * catalog reads through {@link LocalRepositories.isCheckoutUrl} (the local URL reader).
 */
export class LocalRepositories {
  /**
   * From `network.scaffolder.localRepositoriesDir` (default `data/repositories`); a relative
   * path is taken from the repository root (the nearest npm workspaces root above the working
   * directory), as the backend runs from packages/backend.
   */
  static fromConfig(config: Config): LocalRepositories {
    const configured =
      config.getOptionalString('network.scaffolder.localRepositoriesDir') ??
      'data/repositories';
    return new LocalRepositories(
      path.resolve(workspaceRoot(process.cwd()), configured),
    );
  }

  constructor(readonly directory: string) {}

  /** The checkouts folder the URL reader may serve. */
  get checkoutsDirectory(): string {
    return path.join(this.directory, 'checkouts');
  }

  /**
   * Commits every file of `sourcePath` to a new bare repository `<name>.git` (branch main)
   * and refreshes its checkout. A name already taken is a ConflictError: a repository is
   * never overwritten.
   */
  async publish(options: {
    name: string;
    sourcePath: string;
    commitMessage: string;
    author: { name: string; email: string };
  }): Promise<PublishedRepository> {
    if (!REPOSITORY_NAME.test(options.name) || options.name.length > 100) {
      throw new InputError(
        `repoName '${JSON.stringify(options.name).slice(
          1,
          -1,
        )}' must be lowercase letters, digits and '-'`,
      );
    }
    const bare = resolveSafeChildPath(this.directory, `${options.name}.git`);
    const checkout = resolveSafeChildPath(
      this.checkoutsDirectory,
      options.name,
    );
    if (fs.existsSync(bare)) {
      throw new ConflictError(
        `Repository ${options.name} already exists in ${this.directory}`,
      );
    }
    fs.mkdirSync(this.checkoutsDirectory, { recursive: true });
    await git(['init', '--bare', '--initial-branch=main', bare]);
    const env = {
      GIT_AUTHOR_NAME: options.author.name,
      GIT_AUTHOR_EMAIL: options.author.email,
      GIT_COMMITTER_NAME: options.author.name,
      GIT_COMMITTER_EMAIL: options.author.email,
    };
    // A separate git dir keeps the workspace free of .git; the work tree is the source.
    const gitDir = `${bare}.publishing`;
    try {
      const base = ['--git-dir', gitDir, '--work-tree', options.sourcePath];
      await git(['init', '--initial-branch=main', '--bare', gitDir]);
      await git([...base, 'add', '--all', '.']);
      await git(
        [...base, 'commit', '--no-gpg-sign', '-m', options.commitMessage],
        env,
      );
      await git(['--git-dir', gitDir, 'push', bare, 'main']);
    } finally {
      fs.rmSync(gitDir, { recursive: true, force: true });
    }
    fs.rmSync(checkout, { recursive: true, force: true });
    await git(['clone', '--quiet', '--branch', 'main', bare, checkout]);
    const { stdout } = await git(['-C', checkout, 'rev-parse', 'HEAD']);
    return {
      remoteUrl: pathToFileURL(bare).href,
      repoContentsUrl: pathToFileURL(checkout).href,
      catalogInfoUrl: pathToFileURL(path.join(checkout, 'catalog-info.yaml'))
        .href,
      commitHash: stdout.trim(),
    };
  }

  /** Whether a URL names a file inside the checkouts folder (and nothing else on disk). */
  isCheckoutUrl(url: string): boolean {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.protocol !== 'file:') return false;
    const filePath = path.resolve(decodeURIComponent(parsed.pathname));
    const relative = path.relative(this.checkoutsDirectory, filePath);
    return (
      relative !== '' &&
      !relative.startsWith('..') &&
      !path.isAbsolute(relative)
    );
  }
}

async function git(args: string[], env: Record<string, string> = {}) {
  return run('git', args, {
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', ...env },
    maxBuffer: 16 * 1024 * 1024,
  });
}

/** The nearest directory at or above `start` whose package.json declares npm workspaces. */
export function workspaceRoot(start: string): string {
  let current = path.resolve(start);
  for (;;) {
    const manifest = path.join(current, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        if (JSON.parse(fs.readFileSync(manifest, 'utf8')).workspaces)
          return current;
      } catch {
        // An unreadable package.json is not a workspace root; keep looking.
      }
    }
    const parent = path.dirname(current);
    if (parent === current) return path.resolve(start);
    current = parent;
  }
}
