import fs from 'node:fs/promises';
import {
  createServiceFactory,
  coreServices,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { urlReaderFactoriesServiceRef } from '@backstage/backend-defaults/urlReader';
import {
  NotAllowedError,
  NotFoundError,
  NotModifiedError,
} from '@backstage/errors';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { LocalRepositories } from './LocalRepositories';

/**
 * Reads `file://` URLs inside the local repositories' checkouts, so `catalog:register` can
 * register what the local publisher published (`url` locations only; the catalog refuses
 * `file` locations from its API). Any other path on disk stays unreadable.
 */
export function createLocalRepositoryUrlReader(
  repositories: LocalRepositories,
): UrlReaderService {
  const read = async (url: string) => {
    if (!repositories.isCheckoutUrl(url))
      throw new NotAllowedError(`${url} is not a local repository file`);
    try {
      return await fs.readFile(new URL(url));
    } catch (error) {
      throw new NotFoundError(`${url} not found: ${(error as Error).message}`);
    }
  };
  return {
    async readUrl(url, options) {
      const buffer = await read(url);
      const etag = createHash('sha256').update(buffer).digest('hex');
      if (options?.etag === etag) throw new NotModifiedError();
      return {
        buffer: async () => buffer,
        stream: () => Readable.from(buffer),
        etag,
      };
    },
    async readTree() {
      throw new NotAllowedError('Local repositories serve single files only');
    },
    async search(url) {
      const buffer = await read(url);
      return {
        etag: createHash('sha256').update(buffer).digest('hex'),
        files: [{ url, content: async () => buffer }],
      };
    },
  };
}

/**
 * Adds the local repository reader to every plugin's UrlReaderService (the catalog uses it).
 * Add it to the backend beside the module: `backend.add(localRepositoryUrlReaderFactory)`.
 */
export const localRepositoryUrlReaderFactory = createServiceFactory({
  service: urlReaderFactoriesServiceRef,
  deps: { config: coreServices.rootConfig },
  async factory({ config }) {
    const repositories = LocalRepositories.fromConfig(config);
    return () => [
      {
        reader: createLocalRepositoryUrlReader(repositories),
        predicate: (url: URL) => repositories.isCheckoutUrl(url.href),
      },
    ];
  },
});
