/**
 * Server-side printing: `meta.k8s.io/v1` Table answers for `kubectl get`, with the columns the
 * real API server (built-in kinds) and the CRDs' additionalPrinterColumns (custom kinds) define.
 */
import type { KubeObject, ResourceType } from '../store/types.ts';

type Cell = string | number | boolean;

interface ColumnSpec {
  name: string;
  type?: 'string' | 'integer' | 'date' | 'boolean';
  /** 0 is shown by default, 1 only with `-o wide`. */
  priority?: number;
}

interface KindTable {
  columns: ColumnSpec[];
  /** Put the Name column last and only in `-o wide` (events), instead of first. */
  nameLast?: boolean;
  cells: (object: KubeObject, now: number) => Cell[];
}

// Loose accessors: objects come from clients and may have any shape.
type Loose = Record<string, any>;

function spec(object: KubeObject): Loose {
  return (object.spec as Loose | undefined) ?? {};
}

function status(object: KubeObject): Loose {
  return (object.status as Loose | undefined) ?? {};
}

function conditionOf(object: KubeObject, type: string): Loose | undefined {
  const conditions = status(object).conditions;
  return Array.isArray(conditions) ? conditions.find((c: Loose) => c?.type === type) : undefined;
}

function orNone(value: string | undefined): string {
  return value === undefined || value === '' ? '<none>' : value;
}

/** Kubernetes' HumanDuration: "45s", "5m10s", "3h", "12d". */
export function humanDuration(milliseconds: number): string {
  const seconds = Math.floor(milliseconds / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  const years = Math.floor(hours / 24 / 365);
  if (years < 8) return `${years}y${Math.floor(hours / 24) % 365}d`;
  return `${years}y`;
}

function age(object: KubeObject, now: number): string {
  const created = object.metadata.creationTimestamp;
  return created ? humanDuration(now - Date.parse(created)) : '<unknown>';
}

function servicePorts(object: KubeObject): string {
  const ports: Loose[] = spec(object).ports ?? [];
  if (ports.length === 0) return '<none>';
  return ports
    .map((port) => `${port.port}${port.nodePort ? `:${port.nodePort}` : ''}/${port.protocol ?? 'TCP'}`)
    .join(',');
}

function serviceExternalIp(object: KubeObject): string {
  const type = spec(object).type ?? 'ClusterIP';
  const ingress: Loose[] = status(object).loadBalancer?.ingress ?? [];
  const external: string[] = spec(object).externalIPs ?? [];
  if (type === 'LoadBalancer') {
    const addresses = [...ingress.map((entry) => entry.ip ?? entry.hostname), ...external].filter(Boolean);
    return addresses.length > 0 ? addresses.join(',') : '<pending>';
  }
  if (type === 'ExternalName') return spec(object).externalName ?? '<none>';
  return external.length > 0 ? external.join(',') : '<none>';
}

function podReadyAndStatus(object: KubeObject): { ready: string; phase: string; restarts: number } {
  const containers: Loose[] = spec(object).containers ?? [];
  const statuses: Loose[] = status(object).containerStatuses ?? [];
  const ready = statuses.filter((s) => s.ready).length;
  const restarts = statuses.reduce((sum, s) => sum + (Number(s.restartCount) || 0), 0);
  let phase: string = status(object).reason ?? status(object).phase ?? 'Unknown';
  for (const containerStatus of statuses) {
    const waiting = containerStatus.state?.waiting?.reason;
    const terminated = containerStatus.state?.terminated?.reason;
    if (waiting) phase = waiting;
    else if (terminated && phase !== 'Running') phase = terminated;
  }
  if (object.metadata.deletionTimestamp) phase = 'Terminating';
  return { ready: `${ready}/${containers.length}`, phase, restarts };
}

function nodeStatus(object: KubeObject): string {
  const ready = conditionOf(object, 'Ready');
  let text = ready?.status === 'True' ? 'Ready' : 'NotReady';
  if (ready === undefined) text = 'Unknown';
  if (spec(object).unschedulable) text += ',SchedulingDisabled';
  return text;
}

function nodeRoles(object: KubeObject): string {
  const roles = Object.keys(object.metadata.labels ?? {})
    .filter((label) => label.startsWith('node-role.kubernetes.io/'))
    .map((label) => label.slice('node-role.kubernetes.io/'.length))
    .filter(Boolean);
  return roles.length > 0 ? roles.sort().join(',') : '<none>';
}

function nodeAddress(object: KubeObject, type: string): string {
  const addresses: Loose[] = status(object).addresses ?? [];
  return orNone(addresses.find((address) => address.type === type)?.address);
}

function selectorText(selector: Loose | undefined): string {
  if (!selector) return '<none>';
  const labels = selector.matchLabels ?? selector;
  const parts = Object.entries(labels as Record<string, unknown>)
    .filter(([, value]) => typeof value === 'string')
    .map(([key, value]) => `${key}=${value}`);
  for (const expression of (selector.matchExpressions as Loose[] | undefined) ?? []) {
    parts.push(`${expression.key} ${String(expression.operator).toLowerCase()} (${(expression.values ?? []).join(',')})`);
  }
  return parts.length > 0 ? parts.join(',') : '<none>';
}

function endpointsText(object: KubeObject): string {
  const addresses: string[] = [];
  for (const subset of ((object as Loose).subsets as Loose[] | undefined) ?? []) {
    const ports: Loose[] = subset.ports ?? [];
    for (const address of (subset.addresses as Loose[] | undefined) ?? []) {
      if (ports.length === 0) addresses.push(address.ip);
      for (const port of ports) addresses.push(`${address.ip}:${port.port}`);
    }
  }
  if (addresses.length === 0) return '<none>';
  return addresses.length > 3 ? `${addresses.slice(0, 3).join(',')} + ${addresses.length - 3} more...` : addresses.join(',');
}

function joinOrNone(values: unknown[] | undefined, limit = 3): string {
  const list = (values ?? []).filter((value) => value !== undefined && value !== null).map(String);
  if (list.length === 0) return '<none>';
  return list.length > limit ? `${list.slice(0, limit).join(',')} + ${list.length - limit} more...` : list.join(',');
}

function conditionStatus(object: KubeObject, type: string): string {
  return conditionOf(object, type)?.status ?? '';
}

const TABLES: Record<string, KindTable> = {
  Pod: {
    columns: [
      { name: 'Ready' },
      { name: 'Status' },
      { name: 'Restarts', type: 'string' },
      { name: 'Age' },
      { name: 'IP', priority: 1 },
      { name: 'Node', priority: 1 },
      { name: 'Nominated Node', priority: 1 },
      { name: 'Readiness Gates', priority: 1 },
    ],
    cells: (object, now) => {
      const pod = podReadyAndStatus(object);
      return [pod.ready, pod.phase, String(pod.restarts), age(object, now), orNone(status(object).podIP), orNone(spec(object).nodeName), '<none>', '<none>'];
    },
  },
  Service: {
    columns: [{ name: 'Type' }, { name: 'Cluster-IP' }, { name: 'External-IP' }, { name: 'Port(s)' }, { name: 'Age' }, { name: 'Selector', priority: 1 }],
    cells: (object, now) => [
      spec(object).type ?? 'ClusterIP',
      orNone(spec(object).clusterIP),
      serviceExternalIp(object),
      servicePorts(object),
      age(object, now),
      selectorText(spec(object).selector),
    ],
  },
  Node: {
    columns: [
      { name: 'Status' },
      { name: 'Roles' },
      { name: 'Age' },
      { name: 'Version' },
      { name: 'Internal-IP', priority: 1 },
      { name: 'External-IP', priority: 1 },
      { name: 'OS-Image', priority: 1 },
      { name: 'Kernel-Version', priority: 1 },
      { name: 'Container-Runtime', priority: 1 },
    ],
    cells: (object, now) => {
      const info: Loose = status(object).nodeInfo ?? {};
      return [
        nodeStatus(object),
        nodeRoles(object),
        age(object, now),
        info.kubeletVersion ?? '',
        nodeAddress(object, 'InternalIP'),
        nodeAddress(object, 'ExternalIP'),
        info.osImage ?? '<unknown>',
        info.kernelVersion ?? '<unknown>',
        info.containerRuntimeVersion ?? '<unknown>',
      ];
    },
  },
  Namespace: {
    columns: [{ name: 'Status' }, { name: 'Age' }],
    cells: (object, now) => [object.metadata.deletionTimestamp ? 'Terminating' : (status(object).phase ?? 'Active'), age(object, now)],
  },
  Deployment: {
    columns: [{ name: 'Ready' }, { name: 'Up-to-date', type: 'integer' }, { name: 'Available', type: 'integer' }, { name: 'Age' }],
    cells: (object, now) => [
      `${status(object).readyReplicas ?? 0}/${spec(object).replicas ?? 1}`,
      status(object).updatedReplicas ?? 0,
      status(object).availableReplicas ?? 0,
      age(object, now),
    ],
  },
  DaemonSet: {
    columns: [
      { name: 'Desired', type: 'integer' },
      { name: 'Current', type: 'integer' },
      { name: 'Ready', type: 'integer' },
      { name: 'Up-to-date', type: 'integer' },
      { name: 'Available', type: 'integer' },
      { name: 'Node Selector' },
      { name: 'Age' },
    ],
    cells: (object, now) => [
      status(object).desiredNumberScheduled ?? 0,
      status(object).currentNumberScheduled ?? 0,
      status(object).numberReady ?? 0,
      status(object).updatedNumberScheduled ?? 0,
      status(object).numberAvailable ?? 0,
      selectorText(spec(object).template?.spec?.nodeSelector),
      age(object, now),
    ],
  },
  ReplicaSet: {
    columns: [{ name: 'Desired', type: 'integer' }, { name: 'Current', type: 'integer' }, { name: 'Ready', type: 'integer' }, { name: 'Age' }],
    cells: (object, now) => [spec(object).replicas ?? 1, status(object).replicas ?? 0, status(object).readyReplicas ?? 0, age(object, now)],
  },
  StatefulSet: {
    columns: [{ name: 'Ready' }, { name: 'Age' }],
    cells: (object, now) => [`${status(object).readyReplicas ?? 0}/${spec(object).replicas ?? 1}`, age(object, now)],
  },
  Job: {
    columns: [{ name: 'Status' }, { name: 'Completions' }, { name: 'Duration' }, { name: 'Age' }],
    cells: (object, now) => {
      const jobStatus = status(object);
      const state = conditionOf(object, 'Complete')?.status === 'True' ? 'Complete' : conditionOf(object, 'Failed')?.status === 'True' ? 'Failed' : 'Running';
      const started = jobStatus.startTime ? Date.parse(jobStatus.startTime) : undefined;
      const ended = jobStatus.completionTime ? Date.parse(jobStatus.completionTime) : now;
      return [state, `${jobStatus.succeeded ?? 0}/${spec(object).completions ?? 1}`, started ? humanDuration(ended - started) : '', age(object, now)];
    },
  },
  CronJob: {
    columns: [{ name: 'Schedule' }, { name: 'Timezone' }, { name: 'Suspend', type: 'boolean' }, { name: 'Active', type: 'integer' }, { name: 'Last Schedule' }, { name: 'Age' }],
    cells: (object, now) => {
      const last = status(object).lastScheduleTime;
      return [
        spec(object).schedule ?? '',
        spec(object).timeZone ?? '<none>',
        Boolean(spec(object).suspend),
        (status(object).active ?? []).length,
        last ? humanDuration(now - Date.parse(last)) : '<none>',
        age(object, now),
      ];
    },
  },
  HorizontalPodAutoscaler: {
    columns: [{ name: 'Reference' }, { name: 'Targets' }, { name: 'MinPods', type: 'integer' }, { name: 'MaxPods', type: 'integer' }, { name: 'Replicas', type: 'integer' }, { name: 'Age' }],
    cells: (object, now) => {
      const target: Loose = spec(object).scaleTargetRef ?? {};
      return [`${target.kind ?? ''}/${target.name ?? ''}`, '<unknown>', spec(object).minReplicas ?? 1, spec(object).maxReplicas ?? 0, status(object).currentReplicas ?? 0, age(object, now)];
    },
  },
  PersistentVolumeClaim: {
    columns: [{ name: 'Status' }, { name: 'Volume' }, { name: 'Capacity' }, { name: 'Access Modes' }, { name: 'StorageClass' }, { name: 'Age' }],
    cells: (object, now) => {
      const modes: string[] = spec(object).accessModes ?? [];
      const abbreviations: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };
      return [
        status(object).phase ?? 'Pending',
        spec(object).volumeName ?? '',
        status(object).capacity?.storage ?? '',
        modes.map((mode) => abbreviations[mode] ?? mode).join(','),
        spec(object).storageClassName ?? '<unset>',
        age(object, now),
      ];
    },
  },
  Endpoints: {
    columns: [{ name: 'Endpoints' }, { name: 'Age' }],
    cells: (object, now) => [endpointsText(object), age(object, now)],
  },
  EndpointSlice: {
    columns: [{ name: 'AddressType' }, { name: 'Ports' }, { name: 'Endpoints' }, { name: 'Age' }],
    cells: (object, now) => {
      const loose = object as Loose;
      const ports = joinOrNone(((loose.ports as Loose[] | undefined) ?? []).map((port) => port.port));
      const addresses = ((loose.endpoints as Loose[] | undefined) ?? []).flatMap((endpoint) => endpoint.addresses ?? []);
      return [loose.addressType ?? '', ports, joinOrNone(addresses), age(object, now)];
    },
  },
  ConfigMap: {
    columns: [{ name: 'Data', type: 'integer' }, { name: 'Age' }],
    cells: (object, now) => [Object.keys((object as Loose).data ?? {}).length + Object.keys((object as Loose).binaryData ?? {}).length, age(object, now)],
  },
  Secret: {
    columns: [{ name: 'Type' }, { name: 'Data', type: 'integer' }, { name: 'Age' }],
    cells: (object, now) => [(object as Loose).type ?? 'Opaque', Object.keys((object as Loose).data ?? {}).length, age(object, now)],
  },
  ServiceAccount: {
    columns: [{ name: 'Secrets', type: 'integer' }, { name: 'Age' }],
    cells: (object, now) => [((object as Loose).secrets ?? []).length, age(object, now)],
  },
  Event: {
    nameLast: true,
    columns: [{ name: 'Last Seen' }, { name: 'Type' }, { name: 'Reason' }, { name: 'Object' }, { name: 'Message' }],
    cells: (object, now) => {
      const loose = object as Loose;
      const last = loose.lastTimestamp ?? loose.eventTime ?? object.metadata.creationTimestamp;
      const involved: Loose = loose.involvedObject ?? {};
      return [
        last ? humanDuration(now - Date.parse(last)) : '<unknown>',
        loose.type ?? '',
        loose.reason ?? '',
        `${String(involved.kind ?? '').toLowerCase()}/${involved.name ?? ''}`,
        loose.message ?? '',
      ];
    },
  },
  Ingress: {
    columns: [{ name: 'Class' }, { name: 'Hosts' }, { name: 'Address' }, { name: 'Ports' }, { name: 'Age' }],
    cells: (object, now) => {
      const rules: Loose[] = spec(object).rules ?? [];
      const ingress: Loose[] = status(object).loadBalancer?.ingress ?? [];
      return [
        orNone(spec(object).ingressClassName),
        rules.length > 0 ? rules.map((rule) => rule.host ?? '*').join(',') : '*',
        ingress.map((entry) => entry.ip ?? entry.hostname).join(','),
        spec(object).tls ? '80, 443' : '80',
        age(object, now),
      ];
    },
  },
  IngressClass: {
    columns: [{ name: 'Controller' }, { name: 'Parameters' }, { name: 'Age' }],
    cells: (object, now) => [spec(object).controller ?? '', orNone(spec(object).parameters?.name), age(object, now)],
  },
  NetworkPolicy: {
    columns: [{ name: 'Pod-Selector' }, { name: 'Age' }],
    cells: (object, now) => [selectorText(spec(object).podSelector), age(object, now)],
  },
  Lease: {
    columns: [{ name: 'Holder' }, { name: 'Age' }],
    cells: (object, now) => [spec(object).holderIdentity ?? '', age(object, now)],
  },
  CustomResourceDefinition: {
    columns: [{ name: 'Created At', type: 'date' }],
    cells: (object) => [object.metadata.creationTimestamp ?? ''],
  },
  GatewayClass: {
    columns: [{ name: 'Controller' }, { name: 'Accepted' }, { name: 'Age' }, { name: 'Description', priority: 1 }],
    cells: (object, now) => [spec(object).controllerName ?? '', conditionStatus(object, 'Accepted'), age(object, now), spec(object).description ?? ''],
  },
  Gateway: {
    columns: [{ name: 'Class' }, { name: 'Address' }, { name: 'Programmed' }, { name: 'Age' }],
    cells: (object, now) => [
      spec(object).gatewayClassName ?? '',
      ((status(object).addresses as Loose[] | undefined) ?? [])[0]?.value ?? '',
      conditionStatus(object, 'Programmed'),
      age(object, now),
    ],
  },
  HTTPRoute: {
    columns: [{ name: 'Hostnames' }, { name: 'Age' }],
    cells: (object, now) => [JSON.stringify(spec(object).hostnames ?? []), age(object, now)],
  },
  GRPCRoute: {
    columns: [{ name: 'Hostnames' }, { name: 'Age' }],
    cells: (object, now) => [JSON.stringify(spec(object).hostnames ?? []), age(object, now)],
  },
  CiliumLoadBalancerIPPool: {
    columns: [{ name: 'Disabled', type: 'boolean' }, { name: 'Conflicting' }, { name: 'IPs Available' }, { name: 'Age' }],
    cells: (object, now) => [
      Boolean(spec(object).disabled),
      conditionStatus(object, 'cilium.io/PoolConflict'),
      conditionOf(object, 'cilium.io/IPsAvailable')?.message ?? '',
      age(object, now),
    ],
  },
  CiliumNetworkPolicy: {
    columns: [{ name: 'Age' }, { name: 'Valid' }],
    cells: (object, now) => [age(object, now), conditionStatus(object, 'Valid')],
  },
  CiliumClusterwideNetworkPolicy: {
    columns: [{ name: 'Age' }, { name: 'Valid' }],
    cells: (object, now) => [age(object, now), conditionStatus(object, 'Valid')],
  },
  CiliumNode: {
    columns: [{ name: 'CiliumInternalIP' }, { name: 'InternalIP' }, { name: 'Age' }],
    cells: (object, now) => {
      const addresses: Loose[] = spec(object).addresses ?? [];
      return [
        addresses.find((a) => a.type === 'CiliumInternalIP')?.ip ?? '',
        addresses.find((a) => a.type === 'InternalIP')?.ip ?? '',
        age(object, now),
      ];
    },
  },
  Certificate: {
    columns: [{ name: 'Ready' }, { name: 'Secret' }, { name: 'Issuer', priority: 1 }, { name: 'Status', priority: 1 }, { name: 'Age' }],
    cells: (object, now) => [
      conditionStatus(object, 'Ready'),
      spec(object).secretName ?? '',
      spec(object).issuerRef?.name ?? '',
      conditionOf(object, 'Ready')?.message ?? '',
      age(object, now),
    ],
  },
  CertificateRequest: {
    columns: [{ name: 'Approved' }, { name: 'Denied' }, { name: 'Ready' }, { name: 'Issuer' }, { name: 'Requester' }, { name: 'Age' }],
    cells: (object, now) => [
      conditionStatus(object, 'Approved'),
      conditionStatus(object, 'Denied'),
      conditionStatus(object, 'Ready'),
      spec(object).issuerRef?.name ?? '',
      spec(object).username ?? '',
      age(object, now),
    ],
  },
  Issuer: {
    columns: [{ name: 'Ready' }, { name: 'Age' }],
    cells: (object, now) => [conditionStatus(object, 'Ready'), age(object, now)],
  },
  ClusterIssuer: {
    columns: [{ name: 'Ready' }, { name: 'Age' }],
    cells: (object, now) => [conditionStatus(object, 'Ready'), age(object, now)],
  },
};

const FALLBACK: KindTable = { columns: [{ name: 'Age' }], cells: (object, now) => [age(object, now)] };

/**
 * The cells of one row. Objects are stored without schema validation, so a field of an
 * unexpected shape must not break the whole table: such a row shows `<invalid>` instead.
 */
function safeCells(table: KindTable, object: KubeObject, now: number): Cell[] {
  try {
    return table.cells(object, now);
  } catch {
    return table.columns.map((column) => (column.name === 'Age' ? age(object, now) : '<invalid>'));
  }
}

/** How much of each object a Table row carries (`includeObject`). */
export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** Builds a Table of `objects` (already converted to the requested version). */
export function buildTable(
  resource: ResourceType,
  objects: readonly KubeObject[],
  options: { includeObject: IncludeObject; resourceVersion: string; continueToken?: string; remainingItemCount?: number; withColumns?: boolean },
): Record<string, unknown> {
  const table = TABLES[resource.kind] ?? FALLBACK;
  const now = Date.now();
  const nameColumn = { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.', priority: table.nameLast ? 1 : 0 };
  const kindColumns = table.columns.map((column) => ({
      name: column.name,
      type: column.type ?? 'string',
      format: '',
      description: column.name,
      priority: column.priority ?? 0,
  }));
  const columnDefinitions = table.nameLast ? [...kindColumns, nameColumn] : [nameColumn, ...kindColumns];
  const rows = objects.map((object) => {
    const cells = safeCells(table, object, now);
    const row: Record<string, unknown> = { cells: table.nameLast ? [...cells, object.metadata.name] : [object.metadata.name, ...cells] };
    if (options.includeObject === 'Object') row.object = object;
    else if (options.includeObject === 'Metadata') {
      row.object = { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata };
    }
    return row;
  });
  const metadata: Record<string, unknown> = { resourceVersion: options.resourceVersion };
  if (options.continueToken) metadata.continue = options.continueToken;
  if (options.remainingItemCount !== undefined) metadata.remainingItemCount = options.remainingItemCount;
  const result: Record<string, unknown> = { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata };
  if (options.withColumns !== false) result.columnDefinitions = columnDefinitions;
  else result.columnDefinitions = null;
  result.rows = rows;
  return result;
}

/** True when the Accept header asks for a Table (`as=Table;g=meta.k8s.io`). */
export function wantsTable(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(',').some((part) => {
    const params = part.split(';').map((p) => p.trim());
    return params.includes('as=Table') && params.includes('g=meta.k8s.io');
  });
}
