import fs from 'node:fs';
import path from 'node:path';
import { GENERATED_DIRECTORY, GeneratedFile } from './renderPortalManifests';

/**
 * Writes the rendered files under `baseDirectory` and removes any other file in the
 * generated folder (a policy flavour switch renames the policy files). Returns the paths written.
 */
export function writeGeneratedFiles(
  baseDirectory: string,
  files: GeneratedFile[],
): string[] {
  const generated = path.join(baseDirectory, GENERATED_DIRECTORY);
  fs.mkdirSync(generated, { recursive: true });
  const keep = new Set(files.map(file => path.join(baseDirectory, file.path)));
  for (const entry of fs.readdirSync(generated)) {
    const existing = path.join(generated, entry);
    if (!keep.has(existing)) fs.rmSync(existing, { recursive: true });
  }
  for (const file of files) {
    fs.writeFileSync(path.join(baseDirectory, file.path), file.text);
  }
  return [...keep];
}
