// Checks the portal's configuration before anything starts, so that a missing or malformed
// value stops the start with a message naming the file and the key instead of a stack trace
// from deep inside a plugin. Usage: node check-config.mjs --config a.yaml [--config b.yaml ...]
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';

const require = createRequire(import.meta.url);
const YAML = require('yaml');

const files = [];
for (let i = 2; i < process.argv.length; i++) {
  if (process.argv[i] === '--config') files.push(process.argv[++i]);
}

const problems = [];
const merged = {};
for (const file of files) {
  if (!existsSync(file)) {
    problems.push(`${file}: file not found`);
    continue;
  }
  try {
    const data = YAML.parse(readFileSync(file, 'utf8'), { prettyErrors: true });
    if (data !== null && (typeof data !== 'object' || Array.isArray(data))) {
      problems.push(`${file}: the top level must be a mapping of keys, not ${describe(data)}`);
    } else {
      mergeInto(merged, substituteEnv(data ?? {}, file, ''));
    }
  } catch (error) {
    const where = error.linePos?.[0] ? ` (line ${error.linePos[0].line}, column ${error.linePos[0].col})` : '';
    problems.push(`${file}: not valid YAML${where}: ${String(error.message).split('\n')[0]}`);
  }
}

if (problems.length === 0) checkValues(merged);
if (problems.length === 0) checkSchemas();

if (problems.length > 0) {
  console.error('error: the configuration is not valid:');
  for (const problem of problems) console.error(`  - ${problem}`);
  console.error('Fix the values above (local settings belong in app-config.local.yaml) and start again.');
  process.exit(1);
}
console.log(`==> Configuration OK (${files.join(', ')})`);

/** Replaces ${VAR} with the environment's value, recording a problem for unset variables. */
function substituteEnv(value, file, key) {
  if (typeof value === 'string') {
    return value.replace(/\$\{(\w+)\}/g, (_, name) => {
      if (process.env[name] === undefined) {
        problems.push(`${file}: ${key} uses the environment variable ${name}, which is not set`);
        return '';
      }
      return process.env[name];
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => substituteEnv(v, file, `${key}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, substituteEnv(v, file, key ? `${key}.${k}` : k)]),
    );
  }
  return value;
}

/** Later files win; objects merge, everything else (arrays too) is replaced, as Backstage does. */
function mergeInto(target, source) {
  for (const [k, v] of Object.entries(source)) {
    if (v && typeof v === 'object' && !Array.isArray(v) && target[k] && typeof target[k] === 'object' && !Array.isArray(target[k])) {
      mergeInto(target[k], v);
    } else {
      target[k] = v;
    }
  }
}

function describe(value) {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function at(config, key) {
  return key.split('.').reduce((node, part) => (node == null ? undefined : node[part]), config);
}

function requireString(config, key, test, expectation) {
  const value = at(config, key);
  if (value === undefined || value === '') {
    problems.push(`${key} is missing`);
  } else if (typeof value !== 'string' || (test && !test(value))) {
    problems.push(`${key} must be ${expectation}, got ${describe(value)}`);
  }
}

function isUrl(value) {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The values the portal cannot start without, and the blocks that are ours. */
function checkValues(config) {
  requireString(config, 'app.baseUrl', isUrl, 'an http(s) URL');
  requireString(config, 'backend.baseUrl', isUrl, 'an http(s) URL');

  const listen = at(config, 'backend.listen');
  const port = typeof listen === 'object' && listen ? listen.port : undefined;
  if (port !== undefined && !(Number.isInteger(Number(port)) && Number(port) > 0 && Number(port) < 65536)) {
    problems.push(`backend.listen.port must be a port number (1-65535), got ${describe(port)}`);
  }

  const client = at(config, 'backend.database.client');
  if (client !== 'better-sqlite3' && client !== 'pg') {
    problems.push(`backend.database.client must be "better-sqlite3" (the default) or "pg", got ${describe(client)}`);
  } else if (client === 'pg') {
    const connection = at(config, 'backend.database.connection');
    if (typeof connection === 'string') {
      if (!/^postgres(ql)?:\/\//.test(connection)) {
        problems.push('backend.database.connection must be a postgres:// URL or a mapping with host, port, user');
      }
    } else if (!connection || typeof connection !== 'object') {
      problems.push('backend.database.connection is missing (host, port, user, password for PostgreSQL)');
    } else {
      for (const field of ['host', 'user']) {
        if (!connection[field]) problems.push(`backend.database.connection.${field} is missing`);
      }
    }
  }

  const methods = at(config, 'kubernetes.clusterLocatorMethods');
  if (methods !== undefined && !Array.isArray(methods)) {
    problems.push('kubernetes.clusterLocatorMethods must be a list');
  }
  (Array.isArray(methods) ? methods : []).forEach((method, m) => {
    if (method?.type !== 'config') return;
    (method.clusters ?? []).forEach((cluster, c) => {
      const key = `kubernetes.clusterLocatorMethods[${m}].clusters[${c}]`;
      if (!cluster?.name) problems.push(`${key}.name is missing`);
      if (!cluster?.url) problems.push(`${key}.url is missing`);
      else if (!isUrl(cluster.url)) problems.push(`${key}.url must be an http(s) URL, got ${describe(cluster.url)}`);
      if (!cluster?.authProvider) problems.push(`${key}.authProvider is missing (serviceAccount, x509, ...)`);
      if (cluster?.authProvider === 'serviceAccount' && !cluster.serviceAccountToken) {
        problems.push(`${key}.serviceAccountToken is missing (authProvider is serviceAccount)`);
      }
      if (cluster?.caData !== undefined && !/^[A-Za-z0-9+/=\s]+$/.test(String(cluster.caData))) {
        problems.push(`${key}.caData must be base64 of a PEM certificate`);
      }
    });
  });

  const policy = at(config, 'accessPolicy');
  if (policy !== undefined) {
    if (!['allow', 'deny', undefined].includes(policy?.defaultDecision)) {
      problems.push(`accessPolicy.defaultDecision must be "allow" or "deny", got ${describe(policy?.defaultDecision)}`);
    }
    (policy?.rules ?? []).forEach((rule, r) => {
      for (const field of ['permissions', 'allow']) {
        if (!Array.isArray(rule?.[field]) || rule[field].length === 0) {
          problems.push(`accessPolicy.rules[${r}].${field} must be a non-empty list`);
        }
      }
    });
  }
}

/** Backstage's own schema validation of every installed plugin's config.d.ts. */
function checkSchemas() {
  const args = ['backstage-cli', 'config:check', '--lax', ...files.flatMap(f => ['--config', f])];
  const result = spawnSync('npx', args, { encoding: 'utf8' });
  if (result.status !== 0) {
    const lines = `${result.stderr}\n${result.stdout}`
      .split('\n')
      .filter(line => line.trim() && !/npm warn|^\s+at /.test(line));
    problems.push(`Backstage's schema check failed:\n      ${lines.join('\n      ')}`);
  }
}
