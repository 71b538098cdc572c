import { PermissionsService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CHECK_CATEGORIES,
  CheckCategory,
  DiagnosticSelection,
  networkDiagnosticsRunPermission,
  networkReadPermission,
} from '@internal/plugin-network-common';
import { actorOf } from '../routes/authorize';
import { CheckRegistry } from '../services/Diagnostics/CheckRegistry';
import { DiagnosticsRunner } from '../services/Diagnostics/DiagnosticsRunner';

/**
 * The diagnostics in the Backstage actions registry, so MCP clients (through the mcp-actions
 * plugin) can list the checklist and run it with the caller's permissions.
 */
export function registerDiagnosticsActions(options: {
  actionsRegistry: ActionsRegistryService;
  permissions: PermissionsService;
  registry: CheckRegistry;
  runner: DiagnosticsRunner;
}): void {
  const { actionsRegistry, permissions, registry, runner } = options;

  actionsRegistry.register({
    name: 'list-network-checks',
    title: 'List the network diagnostic checks',
    description: 'Lists every check of the network diagnostic checklist: id, category, scopes and what it looks at.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    visibilityPermission: networkReadPermission,
    schema: {
      input: z => z.object({}),
      output: z =>
        z.object({
          checks: z.array(z.object({ id: z.string(), title: z.string(), category: z.string(), description: z.string() })),
        }),
    },
    action: async () => ({
      output: {
        checks: registry.descriptors().map(({ id, title, category, description }) => ({ id, title, category, description })),
      },
    }),
  });

  actionsRegistry.register({
    name: 'run-network-diagnostics',
    title: 'Run network diagnostics',
    description:
      'Runs network diagnostic checks against a cluster (all, one category, chosen check ids, a namespace or a catalog entity) and returns each check\'s outcome, findings and remediation.',
    attributes: { readOnly: true, idempotent: false, destructive: false },
    visibilityPermission: networkDiagnosticsRunPermission,
    schema: {
      input: z =>
        z.object({
          cluster: z.string().min(1).max(253).describe('Cluster name as configured'),
          category: z.enum(CHECK_CATEGORIES as [string, ...string[]]).optional().describe('Only this category'),
          checkIds: z.array(z.string()).optional().describe('Only these check ids'),
          namespace: z.string().optional().describe('Only findings in this namespace'),
          entityRef: z.string().optional().describe('Only the request path of this catalog entity, e.g. component:default/sonarr'),
        }),
      output: z =>
        z.object({
          runId: z.string(),
          status: z.string(),
          totals: z.record(z.string(), z.number()),
          results: z.array(
            z.object({
              checkId: z.string(),
              outcome: z.string(),
              summary: z.string(),
              findings: z.array(z.object({ outcome: z.string(), subject: z.string(), message: z.string() })),
              remediation: z.string().optional(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const [decision] = await permissions.authorize([{ permission: networkDiagnosticsRunPermission }], { credentials });
      if (decision.result !== AuthorizeResult.ALLOW) throw new NotAllowedError('network.diagnostics.run is not allowed');
      const run = await runner.runAndWait({
        cluster: input.cluster,
        selection: selectionOf(input),
        trigger: 'action',
        actor: actorOf(credentials),
        credentials,
      });
      return {
        output: {
          runId: run.id,
          status: run.status,
          totals: run.totals,
          results: run.results.map(result => ({
            checkId: result.checkId,
            outcome: result.outcome,
            summary: result.summary,
            findings: result.findings
              .filter(finding => finding.outcome !== 'pass')
              .map(({ outcome, subject, message }) => ({ outcome, subject, message })),
            ...(result.remediation ? { remediation: result.remediation } : {}),
          })),
        },
      };
    },
  });
}

function selectionOf(input: { category?: string; checkIds?: string[]; namespace?: string; entityRef?: string }): DiagnosticSelection {
  if (input.entityRef) return { kind: 'entity', entityRef: input.entityRef };
  if (input.namespace) return { kind: 'namespace', namespace: input.namespace };
  if (input.checkIds?.length) return { kind: 'checks', checkIds: input.checkIds };
  if (input.category) return { kind: 'category', category: input.category as CheckCategory };
  return { kind: 'all' };
}
