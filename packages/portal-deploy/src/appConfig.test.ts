import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const CONFIG_MAP = path.join(
  REPO_ROOT,
  'deploy/kustomize/base/configmap-app-config.yaml',
);
// What the Deployment passes in from its env and the Secret pathway-secrets (GITHUB_TOKEN is optional).
const ENVIRONMENT = {
  PORTAL_BASE_URL: 'https://portal.example.com',
  BACKEND_SECRET: 'test-secret',
  POSTGRES_HOST: 'postgres-rw.database.svc',
  POSTGRES_PORT: '5432',
  POSTGRES_USER: 'pathway',
  POSTGRES_PASSWORD: 'test-password',
};

/** `backstage-cli config:check --strict` with the image's app-config.yaml under the ConfigMap's file. */
function checkConfig(productionConfig: string) {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-config-'));
  const file = path.join(directory, 'app-config.production.yaml');
  fs.writeFileSync(file, productionConfig);
  try {
    return spawnSync(
      process.execPath,
      [
        path.join(REPO_ROOT, 'node_modules/@backstage/cli/bin/backstage-cli'),
        'config:check',
        '--strict',
        '--config',
        path.join(REPO_ROOT, 'app-config.yaml'),
        '--config',
        file,
      ],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        env: { ...process.env, ...ENVIRONMENT },
      },
    );
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

describe('the ConfigMap app-config.production.yaml', () => {
  const productionConfig: string = parse(fs.readFileSync(CONFIG_MAP, 'utf8'))
    .data['app-config.production.yaml'];

  it('matches every plugin config schema, strictly', () => {
    const result = checkConfig(productionConfig);
    expect(result.stderr.trim()).toBe(
      'Loaded config from app-config.yaml, app-config.production.yaml',
    );
    expect(result.status).toBe(0);
  }, 60_000);

  it('is refused when a key is misspelt (the check above can fail)', () => {
    const result = checkConfig(
      productionConfig.replace('talosconfigPath:', 'talosconfigPth:'),
    );
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/additionalProperty=talosconfigPth/);
  }, 60_000);
});
