import { CheckFinding, isIngressAllowed, ObjectRef, TrafficPeer } from '@internal/plugin-network-common';
import { ClusterCache } from '../../../ClusterCache/ClusterCache';
import { gatewayParentsOf } from '../../../RequestPathResolver/gatewayHops';
import { refOf } from '../../../RequestPathResolver/objectRefs';
import { namespaceLabels, podEndpoint } from '../../../RequestPathResolver/policyHops';
import { CheckContext, DiagnosticCheck } from '../../DiagnosticCheck';
import { countOf, objectFinding, objectsInScope } from '../../scopedObjects';
import { PoliciesByNamespace } from './policiesByNamespace';

/** Who sends traffic to a backend: a gateway or an ingress controller, as policies can name it. */
interface Sender {
  label: string;
  peers: TrafficPeer[];
  ref: ObjectRef;
}

/** A connection the gateway or ingress controller opens: to a Service's pods on a Service port. */
interface Connection {
  sender: Sender;
  source: ObjectRef;
  namespace: string;
  service: string;
  /** The Service port the route asks for; undefined means every port of the Service. */
  port?: number | string;
}

/**
 * A gateway's traffic as policies see it. Cilium's Envoy sends with the reserved `ingress`
 * identity, yet clusters commonly admit it by the gateway's namespace; either admits it.
 */
function gatewaySender(cache: ClusterCache, namespace: string, name: string): Sender {
  return {
    label: `gateway ${namespace}/${name}`,
    peers: [{ entity: 'ingress' }, { namespace, podLabels: {}, namespaceLabels: namespaceLabels(cache, namespace) }],
    ref: { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', namespace, name },
  };
}

/** An ingress controller's pods, found through the LoadBalancer Service holding the Ingress address. */
function ingressControllerSender(cache: ClusterCache, ingress: any): Sender | undefined {
  const address = (ingress.status?.loadBalancer?.ingress ?? []).map((entry: any) => entry.ip).find(Boolean);
  const controllerService = address ? cache.byIndex('Service', 'loadBalancerIp', address)[0] : undefined;
  if (!controllerService) return undefined;
  const selector: Record<string, string> = controllerService.spec?.selector ?? {};
  const namespace = controllerService.metadata.namespace;
  const controllerPod = cache
    .list('Pod', namespace)
    .find(pod => Object.entries(selector).every(([key, value]) => pod.metadata.labels?.[key] === value));
  return {
    label: `ingress controller ${namespace}/${controllerService.metadata.name}`,
    peers: [{ namespace, podLabels: controllerPod?.metadata.labels ?? selector, namespaceLabels: namespaceLabels(cache, namespace) }],
    ref: refOf('Service', controllerService, 'v1'),
  };
}

function routeConnections(context: CheckContext): Connection[] {
  const { cache } = context;
  return ['HTTPRoute', 'GRPCRoute'].flatMap(kind =>
    objectsInScope(context, kind).flatMap(route => {
      const source = refOf(kind, route, 'gateway.networking.k8s.io/v1');
      const backends = (route.spec?.rules ?? []).flatMap((rule: any) =>
        (rule.backendRefs ?? []).filter((backend: any) => (backend.kind ?? 'Service') === 'Service' && !backend.group),
      );
      return gatewayParentsOf(route)
        .filter(parent => cache.get('Gateway', parent.namespace, parent.name))
        .flatMap(parent =>
          backends.map((backend: any) => ({
            sender: gatewaySender(cache, parent.namespace, parent.name),
            source,
            namespace: backend.namespace ?? route.metadata.namespace,
            service: backend.name,
            port: backend.port,
          })),
        );
    }),
  );
}

function ingressConnections(context: CheckContext): Connection[] {
  return objectsInScope(context, 'Ingress').flatMap(ingress => {
    const sender = ingressControllerSender(context.cache, ingress);
    if (!sender) return [];
    const source = refOf('Ingress', ingress, 'networking.k8s.io/v1');
    return (ingress.spec?.rules ?? []).flatMap((rule: any) =>
      (rule.http?.paths ?? [])
        .filter((path: any) => path.backend?.service?.name)
        .map((path: any) => ({
          sender,
          source,
          namespace: ingress.metadata.namespace,
          service: path.backend.service.name,
          port: path.backend.service.port?.number ?? path.backend.service.port?.name,
        })),
    );
  });
}

/** The pod ports a Service port sends to: numeric targetPorts, named ones resolved on the pod. */
function targetPortsOf(service: any, port: number | string | undefined, pod: any): number[] {
  const containerPorts: any[] = (pod.spec?.containers ?? []).flatMap((container: any) => container.ports ?? []);
  const servicePorts = (service.spec?.ports ?? []).filter((entry: any) => port === undefined || entry.port === port || entry.name === port);
  const ports = new Set<number>();
  for (const entry of servicePorts) {
    const target = entry.targetPort ?? entry.port;
    if (typeof target === 'number') ports.add(target);
    else if (/^\d+$/.test(String(target))) ports.add(Number(target));
    else {
      const named = containerPorts.find(candidate => candidate.name === target);
      if (named) ports.add(named.containerPort);
    }
  }
  return [...ports];
}

/** The first pod a Service selects (its pods share labels, so one stands for all). */
function firstSelectedPod(cache: ClusterCache, service: any): any | undefined {
  const entries = Object.entries<string>(service.spec?.selector ?? {});
  if (entries.length === 0) return undefined;
  const [[key, value], ...rest] = entries;
  return cache
    .byIndex('Pod', 'label', `${key}=${value}`)
    .find(pod => pod.metadata.namespace === service.metadata.namespace && rest.every(([other, wanted]) => pod.metadata.labels?.[other] === wanted));
}

/**
 * Whether the network policies let each gateway (and ingress controller) reach the pods behind
 * its routes on the port the route sends to. A denied path answers 503 / times out although
 * every Kubernetes object looks healthy.
 */
export const gatewayToPodCheck: DiagnosticCheck = {
  id: 'policies.gateway-to-pod',
  title: 'Policies let gateways reach backend pods',
  category: 'policies',
  scopes: ['cluster', 'namespace', 'entity'],
  description:
    "For every route (and ingress), evaluates the NetworkPolicies and Cilium policies of the backend pods for traffic from the gateway (Cilium's reserved ingress identity or the gateway namespace) or the ingress controller pods, on the pod port the Service sends to.",
  manualCommand: 'kubectl get networkpolicies,ciliumnetworkpolicies -n <namespace> -o yaml; kubectl exec -n kube-system ds/cilium -- cilium-dbg policy get',
  remediation:
    "Allow the gateway in the backend namespace: a NetworkPolicy with ingress.from namespaceSelector kubernetes.io/metadata.name=<gateway namespace> (or a CiliumNetworkPolicy with fromEntities [ingress]) and ports [<pod port>]; remove a matching ingressDeny rule.",
  async run(context) {
    const { cache } = context;
    if (PoliciesByNamespace.noPolicyApi(cache)) {
      return { findings: [], summary: 'No policy API is served', skippedBecause: 'the cluster serves neither NetworkPolicy nor CiliumNetworkPolicy' };
    }
    const policies = new PoliciesByNamespace(cache);
    const connections = [...routeConnections(context), ...ingressConnections(context)];
    const decided = new Set<string>();
    // Paths denied by the same policies (one namespace's default-deny) are one finding, not one per route.
    const denied = new Map<string, { connection: Connection; decision: ReturnType<typeof isIngressAllowed>; port: number; paths: { connection: Connection; service: any; pod: any }[] }>();
    for (const connection of connections) {
      const service = cache.get('Service', connection.namespace, connection.service);
      // Missing Services and pods are other checks' findings (routes-resolved-refs, endpoints.ready).
      const pod = service ? firstSelectedPod(cache, service) : undefined;
      if (!service || !pod) continue;
      const target = podEndpoint(cache, pod);
      for (const port of targetPortsOf(service, connection.port, pod)) {
        const key = `${connection.sender.label}|${connection.namespace}/${connection.service}|${port}`;
        if (decided.has(key)) continue;
        decided.add(key);
        const decisions = connection.sender.peers.map(peer => isIngressAllowed({ from: peer, to: target, port }, policies.for(connection.namespace)));
        const decision = decisions.find(candidate => candidate.allowed) ?? decisions[0];
        if (decision.allowed) continue;
        const groupKey = `${connection.sender.label}|${connection.namespace}|${port}|${decision.message}`;
        const group = denied.get(groupKey) ?? { connection, decision, port, paths: [] };
        group.paths.push({ connection, service, pod });
        denied.set(groupKey, group);
      }
    }
    const findings: CheckFinding[] = [...denied.values()].map(({ connection, decision, port, paths }) => {
      const [first] = paths;
      const policyRefs = [...decision.deniedBy, ...decision.selecting];
      const services = paths.map(path => `${path.service.metadata.namespace}/${path.service.metadata.name}`);
      const finding = objectFinding(
        'fail',
        first.connection.source,
        `PolicyDenied: ${connection.sender.label} -> pods of ${paths.length === 1 ? `Service ${services[0]}` : `${paths.length} Services in ${connection.namespace}`} on TCP/${port}: ${decision.message}`,
        {
          sender: connection.sender.label,
          [paths.length === 1 ? 'pod' : 'pods']: paths.slice(0, 20).map(path => `${path.pod.metadata.namespace}/${path.pod.metadata.name}`).join(', '),
          port: String(port),
          verdict: decision.verdict,
          policies: policyRefs.map(ref => `${ref.kind}/${ref.name}`).join(', ') || 'none',
          ...(paths.length > 1 ? { routes: paths.slice(0, 20).map(path => `${path.connection.source.kind} ${path.connection.source.namespace}/${path.connection.source.name}`).join(', ') } : {}),
        },
        [
          connection.sender.ref,
          ...paths.slice(0, 20).flatMap(path => [...(path === first ? [] : [path.connection.source]), refOf('Service', path.service, 'v1'), refOf('Pod', path.pod, 'v1')]),
          ...policyRefs,
        ],
      );
      return paths.length === 1 ? finding : { ...finding, subject: `${paths.length} routes to ${connection.namespace} via ${connection.sender.label}` };
    });
    const deniedCount = [...denied.values()].reduce((sum, group) => sum + group.paths.length, 0);
    return {
      findings,
      summary: findings.length > 0 ? `${deniedCount} of ${countOf(decided.size, 'gateway-to-pod path')} denied by policy` : `${countOf(decided.size, 'gateway-to-pod path')}, all allowed`,
    };
  },
};
