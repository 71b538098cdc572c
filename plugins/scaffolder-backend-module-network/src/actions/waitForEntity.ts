import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { CatalogEntities } from '../services/CatalogEntities/CatalogEntities';
import { examples } from './waitForEntity.examples';

/**
 * `network:catalog:wait`: waits until the catalog serves a just-registered entity.
 * `catalog:register` returns as soon as the location is stored; the entity exists only after
 * the catalog has processed the location and stitched the entity (seconds, more on a busy
 * machine). Without the wait the task's "Open in the catalog" link can lead to
 * "Entity not found", and the entity page does not look again.
 */
export function createWaitForEntityAction(options: {
  catalog: CatalogEntities;
  pollMs?: number;
}) {
  return createTemplateAction({
    id: 'network:catalog:wait',
    description:
      'Waits until the catalog serves an entity (after catalog:register), so the task’s links open an existing entity page.',
    examples,
    // Reads only; in a dry run nothing was registered, so there is nothing to wait for.
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z =>
          z
            .string()
            .regex(/^[^:/]+:([^:/]+\/)?[^:/]+$/, 'kind:namespace/name')
            .describe('The entity to wait for, e.g. component:default/hello'),
        timeoutSeconds: z =>
          z
            .number()
            .int()
            .min(1)
            .max(600)
            .optional()
            .describe('How long to wait (default 120)'),
      },
      output: {
        entityRef: z => z.string().describe('The entity, once served'),
        waitedMs: z =>
          z.number().describe('How long the catalog took to serve it'),
      },
    },
    async handler(ctx) {
      const { entityRef } = ctx.input;
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: not waiting for ${entityRef}`);
        ctx.output('entityRef', entityRef);
        ctx.output('waitedMs', 0);
        return;
      }
      const credentials = await ctx.getInitiatorCredentials();
      const started = Date.now();
      const deadline = started + (ctx.input.timeoutSeconds ?? 120) * 1000;
      for (;;) {
        if (await options.catalog.isServed(entityRef, credentials)) break;
        if (Date.now() >= deadline || ctx.signal?.aborted)
          throw new Error(
            `${entityRef} is not in the catalog after ${Math.round(
              (Date.now() - started) / 1000,
            )} s; the catalog is still processing its location and will show it later`,
          );
        await new Promise(resolve =>
          setTimeout(resolve, options.pollMs ?? 1000),
        );
      }
      const waitedMs = Date.now() - started;
      ctx.logger.info(`${entityRef} is in the catalog (after ${waitedMs} ms)`);
      ctx.output('entityRef', entityRef);
      ctx.output('waitedMs', waitedMs);
    },
  });
}
