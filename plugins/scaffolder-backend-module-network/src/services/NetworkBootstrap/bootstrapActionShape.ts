import type { z as zod } from 'zod/v3';

type Zod = typeof zod;

/** Input of both bootstrap actions, one zod factory per field as `createTemplateAction` takes them. */
export const bootstrapInputShape = {
  cluster: (z: Zod) =>
    z
      .string()
      .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'a cluster name')
      .describe('Cluster name as the network backend lists it'),
  planHash: (z: Zod) =>
    z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'a sha256 hex digest')
      .optional()
      .describe(
        'The hash of the plan the user reviewed; required unless dry run. A plan that changed since is refused.',
      ),
  timeoutSeconds: (z: Zod) =>
    z
      .number()
      .int()
      .min(10)
      .max(3600)
      .optional()
      .describe('How long to follow the run before giving up (default 900)'),
};

/** Output of both bootstrap actions. */
export const bootstrapOutputShape = {
  planHash: (z: Zod) => z.string().describe('Hash of the fresh plan'),
  totals: (z: Zod) =>
    z
      .object({
        create: z.number(),
        update: z.number(),
        unchanged: z.number(),
      })
      .describe('How many baseline objects the plan creates, updates, leaves'),
  plan: (z: Zod) =>
    z
      .array(
        z.object({
          id: z.string(),
          title: z.string(),
          intent: z.enum(['run', 'skip']),
          note: z.string().optional(),
          objects: z.array(z.object({ ref: z.string(), change: z.string() })),
        }),
      )
      .describe('The plan steps with their objects and changes'),
  runId: (z: Zod) =>
    z.string().optional().describe('The bootstrap run (absent in a dry run)'),
  status: (z: Zod) =>
    z.string().optional().describe('How the run ended (absent in a dry run)'),
  steps: (z: Zod) =>
    z
      .array(
        z.object({
          id: z.string(),
          title: z.string(),
          status: z.string(),
          message: z.string().optional(),
        }),
      )
      .optional()
      .describe('The run steps as they ended'),
  diagnosticsRunId: (z: Zod) =>
    z
      .string()
      .optional()
      .describe('The verification diagnostics run, when one started'),
};
