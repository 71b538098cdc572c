#!/usr/bin/env node
/**
 * Benchmark of a "Create service" dry run (target <= 3 s): signs in as the guest, reads the
 * create-service template from the catalog, and times `POST /api/scaffolder/v2/dry-run` with
 * the wizard's values (internal exposure, Gateway API, a certificate from an issuer,
 * CiliumNetworkPolicy, external-dns annotations, no apply). The dry run renders, checks the
 * hostname, runs the preflight (server-side dry runs against the cluster) and the publish and
 * register steps' dry runs; it applies nothing.
 *
 *   node bench/create-service-dry-run.mjs
 *
 * Starts its own demo cluster and portal backend (portalBackendProcess.mjs) unless
 * PORTAL_BACKEND_URL names a running one (for example http://localhost:7007 of `npm start`).
 * DRY_RUN_COUNT sets the number of counted runs (default 5).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPortalBackend } from './portalBackendProcess.mjs';

const RUNS = Number(process.env.DRY_RUN_COUNT ?? 5);
const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
);
let backend = '';

/** One machine-readable figure for bench/run-all.mjs, next to the human lines. */
function printBench(name, value, unit, target) {
  console.log(
    `BENCH ${JSON.stringify({
      name,
      value: Number(value.toFixed(3)),
      unit,
      ...(target ? { target } : {}),
    })}`,
  );
}

async function json(response, what) {
  const text = await response.text();
  if (!response.ok)
    throw new Error(
      `${what} answered ${response.status}: ${text.slice(0, 500)}`,
    );
  return JSON.parse(text);
}

async function guestToken() {
  const response = await fetch(`${backend}/api/auth/guest/refresh`, {
    method: 'POST',
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  const body = await json(response, 'guest sign-in');
  return body.backstageIdentity.token;
}

/** The template as the catalog serves it, once the catalog has read it from its location. */
async function createServiceTemplate(headers) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const response = await fetch(
      `${backend}/api/catalog/entities/by-name/template/default/create-service`,
      { headers },
    );
    if (response.status !== 404 || Date.now() > deadline)
      return json(response, 'the catalog (template create-service)');
    await new Promise(resolve => setTimeout(resolve, 500));
  }
}

async function main() {
  if (process.env.PORTAL_BACKEND_URL) {
    backend = process.env.PORTAL_BACKEND_URL.replace(/\/$/, '');
    return measure();
  }
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-dry-run-'));
  const started = performance.now();
  const portal = await startPortalBackend({ repoRoot, workDir });
  backend = portal.url;
  console.log(
    `demo cluster and portal backend up at ${backend} in ${(
      (performance.now() - started) /
      1000
    ).toFixed(1)} s (logs in ${workDir})`,
  );
  try {
    await measure();
  } finally {
    await portal.stop();
  }
  // Logs are only worth keeping when something went wrong.
  if (!process.exitCode) fs.rmSync(workDir, { recursive: true, force: true });
}

async function measure() {
  const token = await guestToken();
  const headers = {
    Authorization: `Bearer ${token}`,
    'Content-Type': 'application/json',
  };
  const template = await createServiceTemplate(headers);
  // A fresh name each run: the hostname check refuses a name another route already claims.
  const name = `bench-${Date.now().toString(36)}`;
  const values = {
    name,
    description: 'Dry run by bench/create-service-dry-run.mjs',
    owner: 'group:default/app-team',
    image: 'ghcr.io/mendhak/http-https-echo:37',
    port: 8080,
    replicas: 1,
    namespace: 'default',
    cluster: 'demo',
    exposure: 'internal',
    routing: 'gateway',
    gateway: 'network/envoy-internal',
    listener: 'https',
    hostname: `${name}.demo.lab`,
    tls: 'issuer',
    issuer: 'letsencrypt-production',
    policyFlavour: 'ciliumnetworkpolicy',
    proxy: 'cilium',
    proxyNamespace: 'network',
    extraEgress: [],
    dns: 'annotations',
    dnsAnnotationPrefix: 'external-dns.alpha.kubernetes.io/',
    dnsTargets: [],
    apply: false,
    // BENCH_PUBLISH_TO=github|gitea dry-runs the remote publishing branch instead of the local one.
    publishTo: process.env.BENCH_PUBLISH_TO ?? 'local',
    ...(process.env.BENCH_PUBLISH_TO ? { repoUrl: `${process.env.BENCH_PUBLISH_TO}.com?owner=acme&repo=${name}` } : {}),
  };
  const full = await timeDryRuns(headers, template, values);
  if (full.error === undefined) {
    printFigures('dry run', full.times);
    return;
  }
  // The whole template's dry run fails (for example a step whose input comes from a step that
  // has no output in a dry run): say so, then time the steps before the failing one, so the
  // rendering, hostname check and preflight still get a figure. Exits non-zero either way.
  console.error(`the whole template's dry run fails: ${full.error}`);
  const waitStep = template.spec.steps.findIndex(
    step => step.action === 'network:catalog:wait',
  );
  if (waitStep < 0)
    throw new Error('no network:catalog:wait step to leave out');
  const shortened = {
    ...template,
    spec: {
      ...template.spec,
      steps: template.spec.steps.slice(0, waitStep),
      output: {},
    },
  };
  const partial = await timeDryRuns(headers, shortened, values);
  if (partial.error !== undefined)
    throw new Error(
      `the dry run without network:catalog:wait fails too: ${partial.error}`,
    );
  printFigures('dry run without network:catalog:wait', partial.times);
  process.exitCode = 1;
}

/** Times one warm-up and RUNS counted dry runs; `error` holds why the first one failed. */
async function timeDryRuns(headers, template, values) {
  const body = JSON.stringify({
    template,
    values,
    secrets: {},
    directoryContents: [],
  });
  const times = [];
  for (let run = 0; run <= RUNS; run += 1) {
    const started = performance.now();
    const response = await fetch(`${backend}/api/scaffolder/v2/dry-run`, {
      method: 'POST',
      headers,
      body,
    });
    const text = await response.text();
    const ms = performance.now() - started;
    if (!response.ok)
      return { times, error: `${response.status} ${errorMessage(text)}` };
    const result = JSON.parse(text);
    const failedSteps = (result.log ?? []).filter(
      entry => entry.body?.status === 'failed',
    );
    if (failedSteps.length > 0)
      return {
        times,
        error: failedSteps
          .map(entry => `${entry.body.stepId}: ${entry.body.message}`)
          .join('; '),
      };
    // The first run warms the backend up (template compilation, TLS sessions); it is not counted.
    if (run === 0 && values.publishTo !== 'local') {
      const publishing = (result.log ?? [])
        .filter(entry => String(entry.body?.stepId ?? '').startsWith('publish'))
        .map(entry => `${entry.body.stepId}: ${entry.body.message}`);
      console.log(`publishing in the ${values.publishTo} dry run:\n  ${publishing.join('\n  ')}`);
    }
    if (run === 0)
      console.log(
        `warm-up dry run: ${(ms / 1000).toFixed(2)} s, ${
          template.spec.steps.length
        } steps`,
      );
    else times.push(ms);
  }
  return { times };
}

/** The message of a Backstage error body, without its stack. */
function errorMessage(text) {
  try {
    return JSON.parse(text).error?.message ?? text.slice(0, 300);
  } catch {
    return text.slice(0, 300);
  }
}

function printFigures(label, times) {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(
    `Create service ${label}, median of ${times.length}: ${(
      median / 1000
    ).toFixed(2)} s (runs: ${times
      .map(ms => (ms / 1000).toFixed(2))
      .join(', ')} s; target <= 3 s)`,
  );
  printBench(
    `${label} (median of ${times.length})`,
    median / 1000,
    's',
    '<= 3',
  );
  printBench(`${label} (slowest)`, sorted[sorted.length - 1] / 1000, 's');
}

main().catch(error => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
