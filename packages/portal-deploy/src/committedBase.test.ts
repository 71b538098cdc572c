import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_PORTAL_DEPLOY_SETTINGS } from './portalDeploySettings';
import {
  GENERATED_DIRECTORY,
  renderPortalManifests,
} from './renderPortalManifests';

// packages/portal-deploy/src -> the repository root.
const BASE_DIRECTORY = path.resolve(
  __dirname,
  '../../../deploy/kustomize/base',
);

describe('the committed base', () => {
  it('holds exactly a fresh render of the generated files (run `npm run render -w packages/portal-deploy -- --out deploy/kustomize/base` after a change)', () => {
    const fresh = renderPortalManifests(DEFAULT_PORTAL_DEPLOY_SETTINGS);
    const committed = fs
      .readdirSync(path.join(BASE_DIRECTORY, GENERATED_DIRECTORY))
      .map(file => `${GENERATED_DIRECTORY}/${file}`)
      .sort();
    expect(committed).toEqual(fresh.map(file => file.path).sort());
    for (const file of fresh) {
      expect({
        path: file.path,
        text: fs.readFileSync(path.join(BASE_DIRECTORY, file.path), 'utf8'),
      }).toEqual(file);
    }
  });

  it('lists the generated folder and every hand-written file in its kustomization', () => {
    const kustomization = fs.readFileSync(
      path.join(BASE_DIRECTORY, 'kustomization.yaml'),
      'utf8',
    );
    const yamlFiles = fs
      .readdirSync(BASE_DIRECTORY)
      .filter(file => file.endsWith('.yaml') && file !== 'kustomization.yaml');
    for (const resource of [...yamlFiles, GENERATED_DIRECTORY])
      expect(kustomization).toContain(`  - ${resource}\n`);
  });
});
