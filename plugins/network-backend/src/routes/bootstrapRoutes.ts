import express from 'express';
import { z } from 'zod';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  BootstrapRunEvent,
  networkBootstrapRunPermission,
  networkReadPermission,
} from '@internal/plugin-network-common';
import { BootstrapService } from '../services/Bootstrap/createBootstrapService';
import { Authorize, actorOf } from './authorize';
import { describeZodError } from './diagnosticsRoutes';
import { streamRunEvents } from './runEventStream';

/** What the bootstrap endpoints need. */
export interface BootstrapRouteDeps {
  authorize: Authorize;
  /** Which clusters exist (NetworkClusters fits). */
  clusters: { definition(name: string): unknown };
  bootstrap: Pick<BootstrapService, 'planner' | 'runner' | 'store' | 'events'>;
}

const startRunSchema = z
  .object({
    planHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'must be the 64 hex digits of the plan hash')
      .describe('The hash of the plan the user reviewed and confirms'),
  })
  .strict();

const listQuerySchema = z
  .object({ limit: z.coerce.number().int().min(1).max(500).default(50).describe('How many runs, newest first') })
  .strict();

const RUN_ID = /^[0-9a-f-]{36}$/;

function runIdParam(req: express.Request): string {
  const id = req.params.runId;
  if (!RUN_ID.test(id)) throw new InputError(`runId: '${id.slice(0, 64)}' is not a run id`);
  return id;
}

/**
 * The bootstrap endpoints: the plan (a dry run, `network.bootstrap.run`), starting a run of a
 * confirmed plan hash (`network.bootstrap.run`; 409 when stale or another run holds the
 * cluster), the history and one run (`network.read`), and a run's event stream (server-sent
 * events read from the database, so a run on another replica streams too).
 */
export function addBootstrapRoutes(router: express.Router, deps: BootstrapRouteDeps): void {
  const { authorize, clusters, bootstrap } = deps;

  function clusterParam(req: express.Request): string {
    const name = req.params.cluster;
    if (!clusters.definition(name)) throw new NotFoundError(`Cluster '${name}' is not configured`);
    return name;
  }

  router.get('/clusters/:cluster/bootstrap/plan', async (req, res) => {
    await authorize(req, networkBootstrapRunPermission);
    const { plan } = await bootstrap.planner.plan(clusterParam(req));
    res.json(plan);
  });

  router.post('/clusters/:cluster/bootstrap/runs', async (req, res) => {
    const credentials = await authorize(req, networkBootstrapRunPermission);
    const cluster = clusterParam(req);
    const parsed = startRunSchema.safeParse(req.body ?? {});
    if (!parsed.success) throw new InputError(describeZodError(parsed.error));
    const run = await bootstrap.runner.start(cluster, parsed.data.planHash, actorOf(credentials), { request: req });
    res.status(202).json(run);
  });

  router.get('/clusters/:cluster/bootstrap/runs', async (req, res) => {
    await authorize(req, networkReadPermission);
    const cluster = clusterParam(req);
    const parsed = listQuerySchema.safeParse(req.query);
    if (!parsed.success) throw new InputError(describeZodError(parsed.error));
    res.json({ items: await bootstrap.store.listRuns(cluster, parsed.data.limit) });
  });

  router.get('/bootstrap/runs/:runId', async (req, res) => {
    await authorize(req, networkReadPermission);
    const id = runIdParam(req);
    const run = await bootstrap.store.getRun(id);
    if (!run) throw new NotFoundError(`Bootstrap run ${id} not found`);
    res.json(run);
  });

  router.get('/bootstrap/runs/:runId/events', async (req, res) => {
    await authorize(req, networkReadPermission);
    const id = runIdParam(req);
    if (!(await bootstrap.store.getRun(id))) throw new NotFoundError(`Bootstrap run ${id} not found`);
    await streamRunEvents<BootstrapRunEvent>(req, res, {
      after: seq => bootstrap.events.after<BootstrapRunEvent>(id, seq),
      isLast: event => event.type === 'run-finished',
    });
  });
}
