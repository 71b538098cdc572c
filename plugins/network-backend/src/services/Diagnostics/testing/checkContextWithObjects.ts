import { ObjectRef } from '@internal/plugin-network-common';
import { cacheWithObjects, ObjectsByKind } from '../../../testing/FakeKubernetesApi';
import { ClusterCache } from '../../ClusterCache/ClusterCache';
import { ClusterDefinition } from '../../ClusterRegistry/ClusterRegistry';
import { DnsProbe } from '../../DnsProbe/DnsProbe';
import { CheckContext, CheckRunScope, PodExec } from '../DiagnosticCheck';
import { createCheckContext } from '../createCheckContext';

/** Options of {@link checkContextWithObjects}. */
export interface CheckContextWithObjectsOptions {
  scope?: CheckRunScope;
  /** Kinds served but empty (kinds neither here nor in the objects are absent). */
  alsoServed?: string[];
  dns?: Pick<DnsProbe, 'resolve'>;
  dnsServers?: ClusterDefinition['dns'];
  exec?: PodExec;
  certificateExpiryWarningDays?: number;
}

/**
 * A check context over a watch cache filled with the given objects (through a fake API
 * server), for unit tests of checks. Call `cache.stop()` when done.
 */
export async function checkContextWithObjects(
  objects: ObjectsByKind,
  options: CheckContextWithObjectsOptions = {},
): Promise<{ context: CheckContext; cache: ClusterCache; logs: string[] }> {
  const { cache } = await cacheWithObjects(objects, options.alsoServed ?? []);
  const logs: string[] = [];
  const context = createCheckContext({
    cluster: { name: 'test', url: 'https://127.0.0.1:1', source: 'kubernetes-config', dns: options.dnsServers ?? { external: [] } },
    cache,
    scope: options.scope ?? { kind: 'cluster' },
    dns: (options.dns ?? { resolve: async () => { throw new Error('dns is not wired in this test'); } }) as DnsProbe,
    exec: options.exec ?? (async () => { throw new Error('exec is not wired in this test'); }),
    settings: { certificateExpiryWarningDays: options.certificateExpiryWarningDays ?? 14 },
    signal: new AbortController().signal,
    log: message => logs.push(message),
  });
  return { context, cache, logs };
}

/** An entity scope over the given objects (namespaces follow from them). */
export function entityScope(objects: ObjectRef[], hostnames: string[] = []): CheckRunScope {
  const namespaces = [...new Set(objects.map(object => object.namespace).filter((namespace): namespace is string => Boolean(namespace)))];
  return { kind: 'entity', entityRef: 'component:default/test', namespaces, objects, hostnames };
}
