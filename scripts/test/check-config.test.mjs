// Tests of scripts/lib/check-config.mjs: bad configuration stops the start with a message that
// names the file or key, never a stack trace; good configuration passes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const baseConfig = join(root, 'app-config.yaml');
const scratch = mkdtempSync(join(tmpdir(), 'check-config-'));

function check(localYaml, env = {}) {
  const local = join(scratch, `local-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(local, localYaml);
  const result = spawnSync(
    process.execPath,
    [join(root, 'scripts/lib/check-config.mjs'), '--config', baseConfig, '--config', local],
    { encoding: 'utf8', env: { ...process.env, ...env } },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}`, local };
}

const cases = [
  ['malformed YAML', 'backend:\n  database: [unclosed\n', /not valid YAML \(line 3, column 1\)/],
  ['a mapping expected at the top', '- just\n- a list\n', /the top level must be a mapping/],
  ['an unknown database client', 'backend:\n  database:\n    client: mysql\n', /backend\.database\.client must be "better-sqlite3" \(the default\) or "pg", got string "mysql"/],
  ['PostgreSQL without a host', 'backend:\n  database:\n    client: pg\n    connection:\n      user: x\n', /backend\.database\.connection\.host is missing/],
  ['a port that is not a number', 'backend:\n  listen:\n    port: seven\n', /backend\.listen\.port must be a port number/],
  ['a base URL that is not a URL', 'app:\n  baseUrl: localhost\n', /app\.baseUrl must be an http\(s\) URL/],
  [
    'a cluster without a token',
    'kubernetes:\n  clusterLocatorMethods:\n    - type: config\n      clusters:\n        - name: home\n          url: https://127.0.0.1:6443\n          authProvider: serviceAccount\n',
    /kubernetes\.clusterLocatorMethods\[0\]\.clusters\[0\]\.serviceAccountToken is missing/,
  ],
  ['an unset environment variable', 'backend:\n  baseUrl: ${PORTAL_TEST_UNSET_VARIABLE}\n', /backend\.baseUrl uses the environment variable PORTAL_TEST_UNSET_VARIABLE, which is not set/],
  ['an access policy default that is neither allow nor deny', 'accessPolicy:\n  defaultDecision: maybe\n', /accessPolicy\.defaultDecision must be "allow" or "deny"/],
];

for (const [name, yaml, message] of cases) {
  test(`refuses ${name} with a message naming it`, () => {
    const { status, output } = check(yaml);
    assert.equal(status, 1, output);
    assert.match(output, message);
    assert.doesNotMatch(output, /^\s+at /m, 'no stack trace');
  });
}

test('accepts the repository configuration with a valid local override', () => {
  const { status, output } = check('backend:\n  listen:\n    port: 7008\n');
  assert.equal(status, 0, output);
  assert.match(output, /Configuration OK/);
});
