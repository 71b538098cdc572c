import express from 'express';
import { z } from 'zod';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  CHECK_CATEGORIES,
  DiagnosticRunEvent,
  DiagnosticSelection,
  networkDiagnosticsRunPermission,
  networkReadPermission,
} from '@internal/plugin-network-common';
import { CheckRegistry } from '../services/Diagnostics/CheckRegistry';
import { DiagnosticsRunner } from '../services/Diagnostics/DiagnosticsRunner';
import { DiagnosticsStore } from '../services/Diagnostics/DiagnosticsStore';
import { NetworkClusters } from '../services/NetworkClusters/NetworkClusters';
import { RunEventLog } from '../services/RunEvents/RunEventLog';
import { Authorize, actorOf } from './authorize';
import { streamRunEvents } from './runEventStream';

export interface DiagnosticsRouteDeps {
  authorize: Authorize;
  clusters: NetworkClusters;
  registry: CheckRegistry;
  runner: DiagnosticsRunner;
  store: DiagnosticsStore;
  events: RunEventLog;
}

const selectionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }).strict(),
  z.object({ kind: z.literal('category'), category: z.enum(CHECK_CATEGORIES as [string, ...string[]]) }).strict(),
  z.object({ kind: z.literal('checks'), checkIds: z.array(z.string().max(128)).min(1).max(200) }).strict(),
  z.object({ kind: z.literal('namespace'), namespace: z.string().min(1).max(63) }).strict(),
  z.object({ kind: z.literal('entity'), entityRef: z.string().min(3).max(512) }).strict(),
]);

const startRunSchema = z.object({ selection: selectionSchema }).strict();

const listQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(50),
    status: z.enum(['running', 'succeeded', 'failed', 'interrupted']).optional(),
    trigger: z.enum(['manual', 'schedule', 'bootstrap', 'action']).optional(),
  })
  .strict();

const RUN_ID = /^[0-9a-f-]{36}$/;

/** A zod error as one line naming the fields, e.g. `selection.category: Invalid option`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map(issue => `${issue.path.length > 0 ? issue.path.join('.') : 'body'}: ${issue.message}`)
    .join('; ');
}

function runIdParam(req: express.Request): string {
  const id = req.params.runId;
  if (!RUN_ID.test(id)) throw new InputError(`runId: '${id.slice(0, 64)}' is not a run id`);
  return id;
}

/** The diagnostics endpoints: the checklist, starting runs, history, one run, and its event stream. */
export function addDiagnosticsRoutes(router: express.Router, deps: DiagnosticsRouteDeps): void {
  const { authorize, clusters, registry, runner, store, events } = deps;

  function clusterParam(req: express.Request): string {
    const name = req.params.cluster;
    if (!clusters.definition(name)) throw new NotFoundError(`Cluster '${name}' is not configured`);
    return name;
  }

  router.get('/diagnostics/checks', async (req, res) => {
    await authorize(req, networkReadPermission);
    res.json({ items: registry.descriptors() });
  });

  router.post('/clusters/:cluster/diagnostics/runs', async (req, res) => {
    const credentials = await authorize(req, networkDiagnosticsRunPermission);
    const cluster = clusterParam(req);
    const parsed = startRunSchema.safeParse(req.body ?? {});
    if (!parsed.success) throw new InputError(describeZodError(parsed.error));
    const run = await runner.start({
      cluster,
      selection: parsed.data.selection as DiagnosticSelection,
      trigger: 'manual',
      actor: actorOf(credentials),
      credentials,
    });
    res.status(202).json(run);
  });

  router.get('/clusters/:cluster/diagnostics/runs', async (req, res) => {
    await authorize(req, networkReadPermission);
    const cluster = clusterParam(req);
    const parsed = listQuerySchema.safeParse(req.query);
    if (!parsed.success) throw new InputError(describeZodError(parsed.error));
    res.json({ items: await store.listRuns(cluster, parsed.data) });
  });

  router.get('/diagnostics/runs/:runId', async (req, res) => {
    await authorize(req, networkReadPermission);
    const id = runIdParam(req);
    const detail = await store.getRunDetail(id);
    if (!detail) throw new NotFoundError(`Diagnostics run ${id} not found`);
    res.json(detail);
  });

  router.get('/diagnostics/runs/:runId/events', async (req, res) => {
    await authorize(req, networkReadPermission);
    const id = runIdParam(req);
    if (!(await store.getRun(id))) throw new NotFoundError(`Diagnostics run ${id} not found`);
    await streamRunEvents<DiagnosticRunEvent>(req, res, {
      after: seq => events.after<DiagnosticRunEvent>(id, seq),
      isLast: event => event.type === 'run-finished',
    });
  });

}
