import fs from 'node:fs/promises';
import path from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { RepositoryFile } from '@internal/plugin-network-common';
import YAML from 'yaml';

/** A file's text as written: YAML documents are serialised here, text is kept as is. */
export function repositoryFileText(file: RepositoryFile): string {
  if ('text' in file) return file.text;
  // Plain scalars only where YAML reads them back as the same string; no anchors or tags.
  return YAML.stringify(file.document, {
    lineWidth: 0,
    aliasDuplicateObjects: false,
  });
}

/**
 * Writes the generated repository under `targetDirectory` (a path inside the workspace);
 * every path goes through resolveSafeChildPath, so `../` or absolute paths cannot escape.
 * Returns the written paths relative to the workspace.
 */
export async function writeRepositoryFiles(
  workspacePath: string,
  targetDirectory: string,
  files: RepositoryFile[],
): Promise<string[]> {
  const base = resolveSafeChildPath(workspacePath, targetDirectory);
  const written: string[] = [];
  for (const file of files) {
    const target = resolveSafeChildPath(base, file.path);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, repositoryFileText(file), 'utf8');
    written.push(path.relative(workspacePath, target));
  }
  return written;
}
