import path from 'node:path';
import { parseRenderArguments } from './parseRenderArguments';
import { renderPortalManifests } from './renderPortalManifests';
import { writeGeneratedFiles } from './writeGeneratedFiles';

// npm runs workspace scripts in the package folder; relative paths mean the caller's folder.
const callerDirectory = process.env.INIT_CWD ?? process.cwd();

try {
  const { out, settings } = parseRenderArguments(process.argv.slice(2));
  const written = writeGeneratedFiles(
    path.resolve(callerDirectory, out),
    renderPortalManifests(settings),
  );
  for (const file of written)
    process.stdout.write(`wrote ${path.relative(callerDirectory, file)}\n`);
} catch (error) {
  process.stderr.write(
    `${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
}
