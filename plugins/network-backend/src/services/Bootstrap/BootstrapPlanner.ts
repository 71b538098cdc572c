import { NotFoundError } from '@backstage/errors';
import {
  BaselineManifest,
  BootstrapPlan,
  BootstrapPlanStep,
  ObjectChange,
  PlannedObject,
  renderNetworkBaseline,
} from '@internal/plugin-network-common';
import { BOOTSTRAP_FIELD_MANAGER, BootstrapKubernetes, BootstrapKubernetesClients } from './BootstrapKubernetes';
import { EtcdBootstrapTargets } from './EtcdBootstrapClient';
import { validNetworkBaseline } from './loadNetworkBaseline';
import { bootstrapPlanHash } from './planHash';
import { manifestRef, planObjectChange } from './planObjectChange';

/** Options of {@link BootstrapPlanner}. */
export interface BootstrapPlannerOptions {
  kubernetes: BootstrapKubernetesClients;
  /** The raw baseline of a cluster (as config holds it; validated on every plan). */
  baselines: (cluster: string) => unknown;
  talos: EtcdBootstrapTargets;
  now?: () => Date;
}

/** A plan with what running it needs: the rendered manifests in apply order. */
export interface ComputedBootstrapPlan {
  plan: BootstrapPlan;
  manifests: BaselineManifest[];
}

/**
 * Computes a cluster's bootstrap plan without changing anything: whether etcd still needs its
 * bootstrap (EtcdMemberList), and per baseline object what a server-side apply would do
 * (`dryRun=All` against the live object). A bad baseline throws an InputError naming the
 * field before the cluster is asked anything.
 */
export class BootstrapPlanner {
  constructor(private readonly options: BootstrapPlannerOptions) {}

  async plan(cluster: string): Promise<ComputedBootstrapPlan> {
    const client = this.options.kubernetes(cluster);
    if (!client) throw new NotFoundError(`Cluster '${cluster}' is not configured`);
    const baseline = validNetworkBaseline(this.options.baselines(cluster), cluster);
    const manifests = renderNetworkBaseline(baseline);

    const steps: BootstrapPlanStep[] = [
      await this.etcdStep(cluster),
      {
        id: 'wait-kubernetes-api',
        kind: 'wait-kubernetes-api',
        title: 'Wait for the Kubernetes API',
        description: 'Waits until the API server answers /version, so the baseline can be applied.',
        intent: 'run',
      },
      await this.applyStep(client, manifests),
      {
        id: 'verify-diagnostics',
        kind: 'verify-diagnostics',
        title: 'Verify with the diagnostics',
        description: 'Runs every diagnostic check against the cluster; the step fails when a check fails or errors.',
        intent: 'run',
      },
    ];
    const totals: Record<ObjectChange, number> = { create: 0, update: 0, unchanged: 0 };
    for (const object of steps.flatMap(step => step.objects ?? [])) totals[object.change] += 1;
    return {
      plan: {
        cluster,
        hash: bootstrapPlanHash(cluster, steps),
        createdAt: (this.options.now?.() ?? new Date()).toISOString(),
        steps,
        totals,
      },
      manifests,
    };
  }

  private async etcdStep(cluster: string): Promise<BootstrapPlanStep> {
    const step = {
      id: 'talos-etcd-bootstrap',
      kind: 'talos-etcd-bootstrap' as const,
      title: 'Bootstrap etcd',
      description:
        'Calls Talos Bootstrap once, on one control-plane node (AlreadyExists means it was done before; ' +
        'retried while the node answers that bootstrap is not available yet).',
    };
    const target = this.options.talos(cluster);
    if (!target) {
      return { ...step, intent: 'skip', note: `no Talos access configured for ${cluster}: etcd is left as it is` };
    }
    try {
      const { members } = await target.client.etcdMemberList(target.node);
      if (members.length > 0) {
        const names = members.map(member => member.hostname).sort();
        return { ...step, intent: 'skip', note: `already bootstrapped (etcd members: ${names.join(', ')})` };
      }
    } catch {
      // Before the bootstrap no etcd answers on the node: the member list fails, which is the answer.
    }
    return { ...step, intent: 'run', note: `etcd has no members yet: it will be bootstrapped on ${target.node}` };
  }

  private async applyStep(client: BootstrapKubernetes, manifests: BaselineManifest[]): Promise<BootstrapPlanStep> {
    const step = {
      id: 'apply-baseline',
      kind: 'apply-baseline' as const,
      title: 'Apply the network baseline',
      description:
        `Server-side apply, as field manager ${BOOTSTRAP_FIELD_MANAGER}, of ${manifests.length} objects ` +
        '(IP pools, L2 announcement policies, GatewayClass and gateways, ClusterIssuers, default-deny policies). ' +
        'Fields other managers own are not taken over; objects not in the baseline are left alone.',
    };
    if (!(await apiAnswers(client))) {
      return {
        ...step,
        intent: 'run',
        note: 'the Kubernetes API does not answer yet: every object is planned as a create and compared again when applied',
        objects: manifests.map(manifest => ({ ref: manifestRef(manifest), change: 'create', fieldChanges: [] })),
      };
    }
    const objects: PlannedObject[] = [];
    const namespacesToCreate = new Set<string>();
    for (const manifest of manifests) {
      const object = await planObjectChange(client, manifest, namespacesToCreate);
      if (manifest.kind === 'Namespace' && object.change === 'create') namespacesToCreate.add(manifest.metadata.name);
      objects.push(object);
    }
    const changed = objects.some(object => object.change !== 'unchanged');
    return {
      ...step,
      intent: changed ? 'run' : 'skip',
      ...(changed ? {} : { note: 'every object is already as the baseline says' }),
      objects,
    };
  }
}

/** Whether the API server answers at all (a cluster before its etcd bootstrap does not). */
export async function apiAnswers(client: BootstrapKubernetes): Promise<boolean> {
  try {
    await client.getJson('/version');
    return true;
  } catch {
    return false;
  }
}
