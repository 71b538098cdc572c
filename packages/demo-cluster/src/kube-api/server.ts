/**
 * The simulated Kubernetes API server: HTTPS with bearer-token auth in front of the object
 * store, speaking enough of the real REST API (discovery, CRUD, patches, server-side apply,
 * watch, Tables, pods/exec) for kubectl 1.32 and @kubernetes/client-node 2.x to work unmodified.
 */
import { createServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type { MemoryStore } from '../store/memory-store.ts';
import { formatApiVersion, parseApiVersion, qualifiedResourceName } from '../store/resources.ts';
import type { ExecHandler, KubeObject, ResourceType } from '../store/types.ts';
import { StoreError } from '../store/errors.ts';
import {
  AGGREGATED_DISCOVERY_CONTENT_TYPE,
  aggregatedDiscovery,
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  servedGroups,
  wantsAggregatedDiscovery,
} from './discovery.ts';
import { scheduleCascadingDelete } from './cascading-delete.ts';
import { comesAfter, decodeContinue, encodeContinue } from './continue-tokens.ts';
import { ensureCustomResourceDefinitions, prepareDefinitionForCreate } from './custom-resource-definitions.ts';
import { applyCreateDefaults } from './defaults.ts';
import { createExecSocketServer, handleExecUpgrade, rejectUpgrade, resolveExecContainer } from './exec.ts';
import { keepUnchangedTimes, recordUpdate, serverSideApply } from './managed-fields.ts';
import { authenticationApi, authorizationApi } from './access-review-api.ts';
import { metricsApi } from './metrics-api.ts';
import { virtualGroupDiscovery, virtualResourceList } from './virtual-api.ts';
import type { VirtualApi } from './virtual-api.ts';
import { listJson, storedObjectJson } from './object-json.ts';
import { openApiV3Document, openApiV3Root, openApiV2Document } from './openapi.ts';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch } from './patches.ts';
import { decodeBody, mediaTypeOf, readBody } from './request-body.ts';
import { parseResourcePath } from './request-path.ts';
import type { ResourceRequest } from './request-path.ts';
import { ApiError, badRequest, methodNotAllowed, resourceNotServed, statusFromError, successStatus } from './status.ts';
import { buildTable, wantsTable } from './tables.ts';
import type { IncludeObject } from './tables.ts';
import { serveWatch } from './watch.ts';

/** Options of `startKubeApiServer`. */
export interface KubeApiServerOptions {
  store: MemoryStore;
  /** A 127.x address; default 127.0.0.1. */
  host?: string;
  /** 0 or unset picks a free port. */
  port?: number;
  /** The bearer token clients must send. */
  token: string;
  tls: { certPem: string; keyPem: string };
  /** Answers `pods/exec`; without it every command exits 127. */
  execHandler?: ExecHandler;
  /** How often watches with allowWatchBookmarks get a BOOKMARK; default 10 s. */
  bookmarkIntervalMs?: number;
  /** Serve aggregated discovery (apidiscovery.k8s.io/v2) when asked; default true. */
  aggregatedDiscovery?: boolean;
  /** The Kubernetes version `/version` reports; default v1.32.3. */
  kubernetesVersion?: string;
}

/** A running API server. */
export interface KubeApiServer {
  /** `https://127.0.0.1:<port>` */
  url: string;
  host: string;
  port: number;
  stop(): Promise<void>;
}

/** The `/version` document of a Kubernetes release like `v1.32.3`. */
function versionInfo(gitVersion: string): Record<string, string> {
  const match = /^v(\d+)\.(\d+)/.exec(gitVersion);
  return {
    major: match?.[1] ?? '1',
    minor: match?.[2] ?? '32',
    gitVersion,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-01-01T00:00:00Z',
    goVersion: 'go1.24.0',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

/** Groups whose answers are computed, not stored. */
const VIRTUAL_APIS: VirtualApi[] = [metricsApi, authorizationApi, authenticationApi];

// Built-in kinds whose DELETE answers with the object rather than a Status (graceful deletion).
const DELETE_RETURNS_OBJECT = new Set(['Pod', 'Namespace']);

const SUPPORTED_PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
];

function sendJson(response: ServerResponse, code: number, body: unknown, contentType = 'application/json'): void {
  sendText(response, code, JSON.stringify(body), contentType);
}

function sendText(response: ServerResponse, code: number, text: string, contentType = 'application/json'): void {
  const bytes = Buffer.from(text, 'utf8');
  response.writeHead(code, { 'Content-Type': contentType, 'Content-Length': bytes.length, 'Cache-Control': 'no-cache, private' });
  response.end(bytes);
}

function sendStatus(response: ServerResponse, error: unknown): void {
  const status = statusFromError(error);
  if (status.code === 500) console.error('demo-cluster kube-api internal error:', error);
  if (response.headersSent) {
    response.end();
    return;
  }
  sendJson(response, status.code, status);
}

function tokenMatches(header: string | undefined, token: string): boolean {
  if (!header || !header.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice('Bearer '.length).trim());
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function unauthorized(): ApiError {
  return new ApiError(401, 'Unauthorized', 'Unauthorized');
}

function booleanParam(params: URLSearchParams, name: string): boolean {
  const value = params.get(name);
  return value === 'true' || value === '1';
}

function dryRunParam(params: URLSearchParams, body?: Record<string, unknown>): boolean {
  const values = params.getAll('dryRun');
  const fromBody = Array.isArray(body?.dryRun) ? (body!.dryRun as string[]) : [];
  for (const value of [...values, ...fromBody]) {
    if (value !== 'All') throw badRequest(`Invalid dryRun value: ${value}; valid values are All`);
  }
  return values.length + fromBody.length > 0;
}

/** The manager name: `fieldManager`, else the user agent's program name like the real server. */
function fieldManagerOf(params: URLSearchParams, request: IncomingMessage): string {
  const explicit = params.get('fieldManager');
  if (explicit !== null && explicit !== '') {
    if (explicit.length > 128) throw badRequest('fieldManager: Too long: may not be longer than 128');
    return explicit;
  }
  const agent = request.headers['user-agent'] ?? 'unknown';
  return agent.split('/')[0]!.slice(0, 128) || 'unknown';
}

function includeObjectParam(params: URLSearchParams): IncludeObject {
  const value = params.get('includeObject');
  if (value === 'None' || value === 'Object') return value;
  return 'Metadata';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Starts the API server; resolves once it listens. */
export async function startKubeApiServer(options: KubeApiServerOptions): Promise<KubeApiServer> {
  const store = options.store;
  const host = options.host ?? '127.0.0.1';
  const bookmarkIntervalMs = options.bookmarkIntervalMs ?? 10_000;
  const serveAggregated = options.aggregatedDiscovery ?? true;
  ensureCustomResourceDefinitions(store);

  const openWatches = new Set<() => void>();
  const sockets = new Set<Socket>();
  const wss = createExecSocketServer();
  let serverAddress = `${host}:0`;

  /** The object as the request's version shows it. */
  function inVersion(object: KubeObject, request: ResourceRequest): KubeObject {
    const apiVersion = formatApiVersion(request.group, request.version);
    return object.apiVersion === apiVersion ? object : { ...object, apiVersion };
  }

  function requireNamespaceExists(namespace: string): void {
    if (!store.getReadOnly({ group: '', plural: 'namespaces' }, undefined, namespace)) {
      throw new ApiError(404, 'NotFound', `namespaces "${namespace}" not found`, { name: namespace, kind: 'namespaces' });
    }
  }

  /** Checks and completes a request body that names an object of the addressed resource. */
  function checkBodyObject(body: unknown, request: ResourceRequest, expectedName?: string): KubeObject {
    if (!isPlainObject(body)) throw badRequest('the body of the request must be a JSON or YAML object');
    const object = body as KubeObject;
    const expectedApiVersion = formatApiVersion(request.group, request.version);
    if (object.apiVersion === undefined || object.apiVersion === '') object.apiVersion = expectedApiVersion;
    if (object.kind === undefined || object.kind === '') object.kind = request.resource.kind;
    if (object.apiVersion !== expectedApiVersion) {
      const { group, version } = parseApiVersion(String(object.apiVersion));
      if (group !== request.group || !request.resource.versions.includes(version)) {
        throw badRequest(`the API version in the data (${object.apiVersion}) does not match the expected API version (${expectedApiVersion})`);
      }
    }
    if (object.kind !== request.resource.kind) {
      throw badRequest(`the kind in the data (${String(object.kind)}) does not match the expected kind (${request.resource.kind})`);
    }
    if (object.metadata === undefined || object.metadata === null) object.metadata = { name: '' };
    if (!isPlainObject(object.metadata)) throw badRequest('metadata must be an object');
    if (request.resource.namespaced) {
      if (object.metadata.namespace && request.namespace && object.metadata.namespace !== request.namespace) {
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      if (request.namespace) object.metadata.namespace = request.namespace;
    } else {
      delete object.metadata.namespace;
    }
    if (expectedName !== undefined) {
      if (object.metadata.name && object.metadata.name !== expectedName) {
        throw badRequest(`the name of the object (${object.metadata.name}) does not match the name on the URL (${expectedName})`);
      }
      object.metadata.name = expectedName;
    }
    return object;
  }

  function requireNamespaceInPath(request: ResourceRequest): void {
    if (request.resource.namespaced && !request.namespace) throw resourceNotServed();
  }

  function present(request: ResourceRequest, httpRequest: IncomingMessage, params: URLSearchParams) {
    const asTable = wantsTable(httpRequest.headers.accept);
    const includeObject = includeObjectParam(params);
    return (object: KubeObject): unknown =>
      asTable
        ? buildTable(request.resource, [object], {
            includeObject,
            resourceVersion: object.metadata.resourceVersion ?? '',
          })
        : object;
  }

  // --- reads ---------------------------------------------------------------------------

  function handleGet(request: ResourceRequest, httpRequest: IncomingMessage, response: ServerResponse, params: URLSearchParams): void {
    const object = store.getReadOnly({ group: request.group, plural: request.resource.plural }, request.namespace, request.name!);
    if (!object) throw notFound(request.resource, request.name!);
    const shown = inVersion(object, request);
    if (wantsTable(httpRequest.headers.accept)) {
      sendJson(response, 200, buildTable(request.resource, [shown], { includeObject: includeObjectParam(params), resourceVersion: String(store.currentResourceVersion()) }));
      return;
    }
    sendJson(response, 200, shown);
  }

  function handleList(request: ResourceRequest, httpRequest: IncomingMessage, response: ServerResponse, params: URLSearchParams): void {
    const all = store.listReadOnly(
      { group: request.group, plural: request.resource.plural },
      {
        namespace: request.namespace,
        labelSelector: params.get('labelSelector') ?? undefined,
        fieldSelector: params.get('fieldSelector') ?? undefined,
      },
    );
    const resourceVersion = String(store.currentResourceVersion());
    let start = 0;
    const token = params.get('continue');
    if (token) {
      const position = decodeContinue(token);
      // The continuation resumes after the last key served; objects changed meanwhile show their new state.
      start = all.findIndex((object) => comesAfter(object, position.namespace, position.name));
      if (start < 0) start = all.length;
    }
    const limitText = params.get('limit');
    const limit = limitText ? Number(limitText) : 0;
    if (limitText && (!Number.isInteger(limit) || limit < 0)) throw badRequest(`invalid limit: ${limitText}`);
    const end = limit > 0 ? Math.min(all.length, start + limit) : all.length;
    const page = all.slice(start, end);
    let continueToken: string | undefined;
    let remainingItemCount: number | undefined;
    if (end < all.length) {
      const last = page[page.length - 1]!;
      continueToken = encodeContinue(Number(resourceVersion), last.metadata.namespace ?? '', last.metadata.name);
      remainingItemCount = all.length - end;
    }
    if (wantsTable(httpRequest.headers.accept)) {
      const items = page.map((object) => inVersion(object, request));
      sendJson(
        response,
        200,
        buildTable(request.resource, items, {
          includeObject: includeObjectParam(params),
          resourceVersion,
          ...(continueToken ? { continueToken, remainingItemCount } : {}),
        }),
      );
      return;
    }
    const metadata: Record<string, unknown> = { resourceVersion };
    if (continueToken) {
      metadata.continue = continueToken;
      metadata.remainingItemCount = remainingItemCount;
    }
    const apiVersion = formatApiVersion(request.group, request.version);
    // Objects stored in the requested version reuse their cached JSON text.
    const itemTexts = page.map((object) => (object.apiVersion === apiVersion ? storedObjectJson(object) : JSON.stringify(inVersion(object, request))));
    sendText(response, 200, listJson({ kind: request.resource.listKind, apiVersion, metadata }, itemTexts));
  }

  function handleWatch(request: ResourceRequest, httpRequest: IncomingMessage, response: ServerResponse, params: URLSearchParams): void {
    const timeoutText = params.get('timeoutSeconds');
    const stop = serveWatch(
      store,
      {
        resource: request.resource,
        apiVersion: formatApiVersion(request.group, request.version),
        namespace: request.namespace,
        labelSelector: params.get('labelSelector') ?? undefined,
        fieldSelector:
          request.name !== undefined
            ? [params.get('fieldSelector'), `metadata.name=${request.name}`].filter(Boolean).join(',')
            : (params.get('fieldSelector') ?? undefined),
        resourceVersion: params.get('resourceVersion') ?? undefined,
        allowBookmarks: booleanParam(params, 'allowWatchBookmarks'),
        sendInitialEvents: booleanParam(params, 'sendInitialEvents'),
        timeoutSeconds: timeoutText ? Number(timeoutText) : undefined,
        present: present(request, httpRequest, params),
      },
      response,
      { bookmarkIntervalMs },
    );
    openWatches.add(stop);
    response.on('close', () => openWatches.delete(stop));
  }

  function handleLog(request: ResourceRequest, response: ServerResponse, params: URLSearchParams): void {
    const pod = store.getReadOnly({ group: '', plural: 'pods' }, request.namespace, request.name!);
    if (!pod) throw notFound(request.resource, request.name!);
    const containers = ((pod.spec as { containers?: Array<{ name: string }> } | undefined)?.containers ?? []).map((c) => c.name);
    const container = params.get('container') ?? (containers.length === 1 ? containers[0] : undefined);
    if (!container) {
      throw badRequest(`a container name must be specified for pod ${request.name}, choose one of: [${containers.join(' ')}]`);
    }
    if (!containers.includes(container)) throw badRequest(`container ${container} is not valid for pod ${request.name}`);
    const text = `demo-cluster: container ${container} of pod ${request.namespace}/${request.name} is simulated; it writes no logs\n`;
    response.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(text) });
    response.end(text);
  }

  /** The autoscaling/v1 Scale view of a Deployment or ReplicaSet. */
  function scaleOf(object: KubeObject): KubeObject {
    const spec = (object.spec ?? {}) as { replicas?: number; selector?: { matchLabels?: Record<string, string> } };
    const status = (object.status ?? {}) as { replicas?: number };
    const selector = Object.entries(spec.selector?.matchLabels ?? {})
      .map(([key, value]) => `${key}=${value}`)
      .join(',');
    return {
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: {
        name: object.metadata.name,
        namespace: object.metadata.namespace,
        uid: object.metadata.uid,
        resourceVersion: object.metadata.resourceVersion,
        creationTimestamp: object.metadata.creationTimestamp,
      },
      spec: { replicas: spec.replicas ?? 1 },
      status: { replicas: status.replicas ?? 0, selector },
    };
  }

  /** GET/PUT/PATCH of `/scale`: reads or sets spec.replicas through a Scale object. */
  async function handleScale(request: ResourceRequest, httpRequest: IncomingMessage, response: ServerResponse, params: URLSearchParams): Promise<void> {
    const key = { group: request.group, plural: request.resource.plural };
    const current = store.getReadOnly(key, request.namespace, request.name!);
    if (!current) throw notFound(request.resource, request.name!);
    if (httpRequest.method === 'GET') {
      sendJson(response, 200, scaleOf(current));
      return;
    }
    const mediaType = mediaTypeOf(httpRequest.headers['content-type']);
    const body = decodeBody(await readBody(httpRequest), mediaType);
    let wanted: unknown;
    if (httpRequest.method === 'PUT') wanted = body;
    else if (mediaType === 'application/json-patch+json') wanted = applyJsonPatch(scaleOf(current), body);
    else if (mediaType === 'application/merge-patch+json' || mediaType === 'application/strategic-merge-patch+json') {
      wanted = applyMergePatch(scaleOf(current), body);
    } else {
      throw new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${SUPPORTED_PATCH_TYPES.slice(0, 3).join(', ')}`);
    }
    const replicas = (wanted as { spec?: { replicas?: unknown } } | undefined)?.spec?.replicas;
    if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
      throw new ApiError(422, 'Invalid', `Scale.autoscaling "${request.name}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`);
    }
    const wantedVersion = (wanted as { metadata?: { resourceVersion?: string } }).metadata?.resourceVersion;
    const next: KubeObject = {
      ...structuredClone(current),
      spec: { ...((current.spec as Record<string, unknown> | undefined) ?? {}), replicas },
    };
    if (wantedVersion) next.metadata.resourceVersion = wantedVersion;
    const saved = writeObject({ ...request, subresource: undefined }, current, next, fieldManagerOf(params, httpRequest), dryRunParam(params));
    sendJson(response, 200, scaleOf(saved));
  }

  // --- writes --------------------------------------------------------------------------

  async function handleCreate(request: ResourceRequest, httpRequest: IncomingMessage, response: ServerResponse, params: URLSearchParams): Promise<void> {
    requireNamespaceInPath(request);
    const body = decodeBody(await readBody(httpRequest), mediaTypeOf(httpRequest.headers['content-type']));
    const object = checkBodyObject(body, request);
    if (request.resource.namespaced) requireNamespaceExists(request.namespace!);
    const dryRun = dryRunParam(params);
    // Status is the controllers' to write; the real server resets it on create.
    if (request.resource.subresources.includes('status') && request.resource.kind !== 'Pod') delete object.status;
    delete object.metadata.resourceVersion;
    applyCreateDefaults(object);
    if (request.resource.kind === 'CustomResourceDefinition') prepareDefinitionForCreate(object);
    object.metadata.managedFields = recordUpdate(undefined, object, fieldManagerOf(params, httpRequest), formatApiVersion(request.group, request.version));
    const created = store.create(object, { dryRun });
    sendJson(response, 201, inVersion(created, request));
  }

  async function handleUpdate(request: ResourceRequest, httpRequest: IncomingMessage, response: ServerResponse, params: URLSearchParams): Promise<void> {
    const body = decodeBody(await readBody(httpRequest), mediaTypeOf(httpRequest.headers['content-type']));
    const object = checkBodyObject(body, request, request.name);
    const key = { group: request.group, plural: request.resource.plural };
    const current = store.getReadOnly(key, request.namespace, request.name!);
    if (!current) throw notFound(request.resource, request.name!);
    const dryRun = dryRunParam(params);
    const saved = writeObject(request, current, object, fieldManagerOf(params, httpRequest), dryRun);
    sendJson(response, 200, inVersion(saved, request));
  }

  /** Stores `next` as the new state of `current` via the main resource or the status subresource. */
  function writeObject(request: ResourceRequest, current: KubeObject, next: KubeObject, manager: string, dryRun: boolean): KubeObject {
    const apiVersion = formatApiVersion(request.group, request.version);
    const statusOnly = request.subresource === 'status';
    if (statusOnly) {
      const merged: KubeObject = { ...current, status: next.status, metadata: { ...current.metadata } };
      if (next.metadata.resourceVersion) merged.metadata.resourceVersion = next.metadata.resourceVersion;
      merged.metadata.managedFields = keepUnchangedTimes(current.metadata.managedFields, recordUpdate(current, merged, manager, apiVersion, 'status'));
      return store.updateStatus(merged, { dryRun });
    }
    if (request.resource.subresources.includes('status')) {
      // The main resource ignores status changes when a status subresource exists.
      if (current.status === undefined) delete next.status;
      else next.status = current.status;
    }
    if (next.metadata.managedFields === undefined || next.metadata.managedFields === null) {
      next.metadata.managedFields = current.metadata.managedFields;
    }
    next.metadata.managedFields = keepUnchangedTimes(current.metadata.managedFields, recordUpdate(current, next, manager, apiVersion));
    return store.update(next, { dryRun });
  }

  async function handlePatch(request: ResourceRequest, httpRequest: IncomingMessage, response: ServerResponse, params: URLSearchParams): Promise<void> {
    const mediaType = mediaTypeOf(httpRequest.headers['content-type']);
    if (!SUPPORTED_PATCH_TYPES.includes(mediaType)) {
      throw new ApiError(
        415,
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: ${SUPPORTED_PATCH_TYPES.join(', ')}`,
      );
    }
    if (mediaType === 'application/strategic-merge-patch+json' && request.resource.isCustomResource) {
      throw new ApiError(
        415,
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
      );
    }
    const patch = decodeBody(await readBody(httpRequest), mediaType);
    const dryRun = dryRunParam(params);
    const key = { group: request.group, plural: request.resource.plural };
    const current = store.getReadOnly(key, request.namespace, request.name!);
    const apiVersion = formatApiVersion(request.group, request.version);

    if (mediaType === 'application/apply-patch+yaml') {
      const manager = params.get('fieldManager');
      if (!manager) throw badRequest('PATCH, application/apply-patch+yaml requests must specify a fieldManager (fieldManager is required for apply requests)');
      if (!isPlainObject(patch)) throw badRequest('the body of an apply request must be an object');
      if (!patch.apiVersion || !patch.kind) throw badRequest('invalid object: apiVersion and kind must be set');
      const applied = checkBodyObject(patch, request, request.name);
      const force = booleanParam(params, 'force');
      const subresource = request.subresource === 'status' ? 'status' : undefined;
      if (!current) {
        if (subresource) throw notFound(request.resource, request.name!);
        if (request.resource.namespaced) requireNamespaceExists(request.namespace!);
        const result = serverSideApply(undefined, applied, { manager, force, apiVersion });
        if (request.resource.subresources.includes('status')) delete result.status;
        result.metadata.namespace = request.namespace;
        applyCreateDefaults(result);
        if (request.resource.kind === 'CustomResourceDefinition') prepareDefinitionForCreate(result);
        const created = store.create(result, { dryRun });
        sendJson(response, 201, inVersion(created, request));
        return;
      }
      const result = serverSideApply(inVersion(current, request), applied, { manager, force, apiVersion, ...(subresource ? { subresource } : {}) });
      result.metadata.managedFields = keepUnchangedTimes(current.metadata.managedFields, result.metadata.managedFields ?? []);
      if (applied.metadata.resourceVersion) result.metadata.resourceVersion = applied.metadata.resourceVersion;
      else result.metadata.resourceVersion = current.metadata.resourceVersion;
      let saved: KubeObject;
      if (subresource) saved = store.updateStatus(result, { dryRun });
      else {
        if (request.resource.subresources.includes('status')) {
          if (current.status === undefined) delete result.status;
          else result.status = current.status;
        }
        saved = store.update(result, { dryRun });
      }
      sendJson(response, 200, inVersion(saved, request));
      return;
    }

    if (!current) throw notFound(request.resource, request.name!);
    const base = structuredClone(inVersion(current, request));
    let patched: unknown;
    if (mediaType === 'application/merge-patch+json') patched = applyMergePatch(base, patch);
    else if (mediaType === 'application/json-patch+json') patched = applyJsonPatch(base, patch);
    else patched = applyStrategicMergePatch(base, patch);
    if (!isPlainObject(patched)) throw new ApiError(422, 'Invalid', 'the patch produced something that is not an object');
    const next = patched as KubeObject;
    if (!isPlainObject(next.metadata) || next.metadata.name !== current.metadata.name) {
      throw new ApiError(422, 'Invalid', `${request.resource.kind} "${request.name}" is invalid: metadata.name: Invalid value: the name of an object cannot be changed by a patch`);
    }
    if ((next.metadata.namespace ?? undefined) !== (current.metadata.namespace ?? undefined)) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    next.apiVersion = apiVersion;
    next.kind = request.resource.kind;
    const saved = writeObject(request, current, next, fieldManagerOf(params, httpRequest), dryRun);
    sendJson(response, 200, inVersion(saved, request));
  }

  async function handleDelete(request: ResourceRequest, httpRequest: IncomingMessage, response: ServerResponse, params: URLSearchParams): Promise<void> {
    const body = await readBody(httpRequest);
    let deleteOptions: Record<string, unknown> = {};
    if (body.toString('utf8').trim() !== '' && mediaTypeOf(httpRequest.headers['content-type']) !== 'application/vnd.kubernetes.protobuf') {
      const decoded = decodeBody(body, mediaTypeOf(httpRequest.headers['content-type']));
      if (isPlainObject(decoded)) deleteOptions = decoded;
    }
    const dryRun = dryRunParam(params, deleteOptions);
    const key = { group: request.group, plural: request.resource.plural };
    const current = store.getReadOnly(key, request.namespace, request.name!);
    if (!current) throw notFound(request.resource, request.name!);
    const preconditions = isPlainObject(deleteOptions.preconditions) ? deleteOptions.preconditions : {};
    if (preconditions.uid && preconditions.uid !== current.metadata.uid) {
      throw new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResourceName(request.resource)} "${request.name}": Precondition failed: UID in precondition: ${String(preconditions.uid)}, UID in object meta: ${current.metadata.uid}`);
    }
    if (preconditions.resourceVersion && preconditions.resourceVersion !== current.metadata.resourceVersion) {
      throw new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResourceName(request.resource)} "${request.name}": Precondition failed: ResourceVersion in precondition: ${String(preconditions.resourceVersion)}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`);
    }
    const deleted = store.delete(key, request.namespace, request.name!, { dryRun });
    const propagation = String(deleteOptions.propagationPolicy ?? params.get('propagationPolicy') ?? 'Background');
    if (!dryRun && !deleted.metadata.deletionTimestamp) scheduleCascadingDelete(store, request.resource, deleted, propagation);
    if (DELETE_RETURNS_OBJECT.has(request.resource.kind) && !request.resource.isCustomResource && request.group === '') {
      sendJson(response, 200, inVersion(deleted, request));
      return;
    }
    if (request.resource.isCustomResource) {
      sendJson(response, 200, inVersion(deleted, request));
      return;
    }
    sendJson(
      response,
      200,
      successStatus({
        name: request.name,
        ...(request.group ? { group: request.group } : {}),
        kind: request.resource.plural,
        uid: deleted.metadata.uid,
      }),
    );
  }

  async function handleDeleteCollection(request: ResourceRequest, httpRequest: IncomingMessage, response: ServerResponse, params: URLSearchParams): Promise<void> {
    await readBody(httpRequest);
    const dryRun = dryRunParam(params);
    const key = { group: request.group, plural: request.resource.plural };
    const targets = store.listReadOnly(key, {
      namespace: request.namespace,
      labelSelector: params.get('labelSelector') ?? undefined,
      fieldSelector: params.get('fieldSelector') ?? undefined,
    });
    const deleted: KubeObject[] = [];
    for (const target of [...targets]) {
      try {
        const result = store.delete(key, target.metadata.namespace, target.metadata.name, { dryRun });
        if (!dryRun && !result.metadata.deletionTimestamp) scheduleCascadingDelete(store, request.resource, result, 'Background');
        deleted.push(inVersion(result, request));
      } catch (error) {
        if (!(error instanceof StoreError && error.reason === 'NotFound')) throw error;
      }
    }
    sendJson(response, 200, {
      kind: request.resource.listKind,
      apiVersion: formatApiVersion(request.group, request.version),
      metadata: { resourceVersion: String(store.currentResourceVersion()) },
      items: deleted,
    });
  }

  // --- routing -------------------------------------------------------------------------

  async function handleResource(request: ResourceRequest, httpRequest: IncomingMessage, response: ServerResponse, params: URLSearchParams): Promise<void> {
    const method = httpRequest.method ?? 'GET';
    const { resource, subresource } = request;
    if (subresource !== undefined) {
      if (!resource.subresources.includes(subresource)) throw resourceNotServed();
      if (subresource === 'exec') {
        throw badRequest('Upgrade request required');
      }
      if (subresource === 'log') {
        if (method !== 'GET') throw methodNotAllowed(method, `${resource.plural}/log`);
        handleLog(request, response, params);
        return;
      }
      if (subresource === 'scale') {
        if (method === 'GET' || method === 'PUT' || method === 'PATCH') return handleScale(request, httpRequest, response, params);
        throw methodNotAllowed(method, `${resource.plural}/scale`);
      }
      if (subresource === 'status') {
        if (method === 'GET') return handleGet(request, httpRequest, response, params);
        if (method === 'PUT') return handleUpdate(request, httpRequest, response, params);
        if (method === 'PATCH') return handlePatch(request, httpRequest, response, params);
        throw methodNotAllowed(method, `${resource.plural}/status`);
      }
      throw methodNotAllowed(method, `${resource.plural}/${subresource}`);
    }
    if (request.name === undefined) {
      if (method === 'GET') {
        if (booleanParam(params, 'watch')) return handleWatch(request, httpRequest, response, params);
        return handleList(request, httpRequest, response, params);
      }
      if (method === 'POST') return handleCreate(request, httpRequest, response, params);
      if (method === 'DELETE') return handleDeleteCollection(request, httpRequest, response, params);
      throw methodNotAllowed(method, resource.plural);
    }
    if (method === 'GET') {
      if (booleanParam(params, 'watch')) return handleWatch(request, httpRequest, response, params);
      return handleGet(request, httpRequest, response, params);
    }
    if (method === 'PUT') return handleUpdate(request, httpRequest, response, params);
    if (method === 'PATCH') return handlePatch(request, httpRequest, response, params);
    if (method === 'DELETE') return handleDelete(request, httpRequest, response, params);
    throw methodNotAllowed(method, resource.plural);
  }

  async function handleNonResource(segments: string[], httpRequest: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const path = `/${segments.join('/')}`;
    const accept = httpRequest.headers.accept;
    if (path === '/version') {
      sendJson(response, 200, versionInfo(options.kubernetesVersion ?? 'v1.32.3'));
      return true;
    }
    if (path === '/healthz' || path === '/readyz' || path === '/livez') {
      response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
      response.end('ok');
      return true;
    }
    if (path === '/api' || path === '/apis') {
      if (serveAggregated && wantsAggregatedDiscovery(accept)) {
        const discovery = aggregatedDiscovery(store.resources, path);
        if (path === '/apis') (discovery.items as unknown[]).push(...VIRTUAL_APIS.map(virtualGroupDiscovery));
        sendJson(response, 200, discovery, AGGREGATED_DISCOVERY_CONTENT_TYPE);
      } else if (path === '/api') {
        sendJson(response, 200, apiVersions(serverAddress));
      } else {
        const list = apiGroupList(store.resources);
        (list.groups as unknown[]).push(...VIRTUAL_APIS.map((api) => apiGroup({ name: api.group, versions: [api.version] })));
        sendJson(response, 200, list);
      }
      return true;
    }
    const virtualApi = segments[0] === 'apis' ? VIRTUAL_APIS.find((api) => api.group === segments[1]) : undefined;
    if (virtualApi) {
      if (segments.length === 2) sendJson(response, 200, apiGroup({ name: virtualApi.group, versions: [virtualApi.version] }));
      else if (segments[2] !== virtualApi.version) throw resourceNotServed();
      else if (segments.length === 3) sendJson(response, 200, virtualResourceList(virtualApi));
      else {
        const raw = await readBody(httpRequest);
        const mediaType = mediaTypeOf(httpRequest.headers['content-type']);
        // Bodies in JSON or YAML are read; others (kubectl's protobuf) do not change the answer.
        const body = raw.length > 0 && (mediaType.includes('json') || mediaType.includes('yaml')) ? decodeBody(raw, mediaType) : undefined;
        const params = new URL(httpRequest.url ?? '/', 'https://localhost').searchParams;
        const answer = virtualApi.answer(store, { method: httpRequest.method ?? 'GET', rest: segments.slice(3), params, body });
        sendJson(response, answer.code, answer.body);
      }
      return true;
    }
    if (path === '/api/v1') {
      sendJson(response, 200, apiResourceList(store.resources, '', 'v1'));
      return true;
    }
    if (segments[0] === 'apis' && segments.length === 2) {
      const group = servedGroups(store.resources).find((g) => g.name === segments[1]);
      if (!group) throw resourceNotServed();
      sendJson(response, 200, apiGroup(group));
      return true;
    }
    if (segments[0] === 'apis' && segments.length === 3) {
      const list = apiResourceList(store.resources, segments[1]!, segments[2]!);
      if (!list) throw resourceNotServed();
      sendJson(response, 200, list);
      return true;
    }
    if (path === '/openapi/v2') {
      sendJson(response, 200, openApiV2Document(store.resources));
      return true;
    }
    if (path === '/openapi/v3') {
      sendJson(response, 200, openApiV3Root(store.resources));
      return true;
    }
    if (segments[0] === 'openapi' && segments[1] === 'v3' && segments.length >= 4) {
      const group = segments[2] === 'api' ? '' : segments[3]!;
      const version = segments[2] === 'api' ? segments[3]! : segments[4]!;
      const document = openApiV3Document(store.resources, group, version ?? '');
      if (!document) throw resourceNotServed();
      sendJson(response, 200, document);
      return true;
    }
    return false;
  }

  async function handle(httpRequest: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      if (!tokenMatches(httpRequest.headers.authorization, options.token)) throw unauthorized();
      const url = new URL(httpRequest.url ?? '/', 'https://localhost');
      const segments = pathSegments(url.pathname);
      if (await handleNonResource(segments, httpRequest, response)) return;
      const request = parseResourcePath(store.resources, segments);
      if (!request) throw resourceNotServed();
      await handleResource(request, httpRequest, response, url.searchParams);
    } catch (error) {
      sendStatus(response, error);
    }
  }

  function handleUpgrade(httpRequest: IncomingMessage, socket: Duplex, head: Buffer): void {
    try {
      if (!tokenMatches(httpRequest.headers.authorization, options.token)) throw unauthorized();
      const url = new URL(httpRequest.url ?? '/', 'https://localhost');
      const segments = pathSegments(url.pathname);
      const request = parseResourcePath(store.resources, segments);
      if (!request || request.resource.kind !== 'Pod' || request.group !== '' || request.subresource !== 'exec' || !request.name || !request.namespace) {
        throw resourceNotServed();
      }
      const params = url.searchParams;
      const command = params.getAll('command');
      if (command.length === 0) throw badRequest('you must specify at least 1 command');
      const query = { namespace: request.namespace, pod: request.name, container: params.get('container') ?? undefined, command };
      const container = resolveExecContainer(store, query);
      handleExecUpgrade(wss, httpRequest, socket, head, { ...query, container }, store, options.execHandler);
    } catch (error) {
      rejectUpgrade(socket, error);
    }
  }

  const server = createServer({ cert: options.tls.certPem, key: options.tls.keyPem }, (httpRequest, response) => {
    void handle(httpRequest, response);
  });
  server.on('upgrade', handleUpgrade);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('secureConnection', (socket) => {
    socket.on('error', () => {});
  });
  server.on('tlsClientError', () => {});

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  serverAddress = `${host}:${address.port}`;
  const url = `https://${host}:${address.port}`;

  return {
    url,
    host,
    port: address.port,
    stop: async () => {
      for (const stopWatch of [...openWatches]) stopWatch();
      for (const client of wss.clients) client.terminate();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

/** The decoded, non-empty segments of a URL path; 400 for broken percent-encoding. */
function pathSegments(pathname: string): string[] {
  try {
    return pathname.split('/').filter((segment) => segment.length > 0).map(decodeURIComponent);
  } catch {
    throw badRequest(`invalid URL path: ${pathname}`);
  }
}

function notFound(resource: ResourceType, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${qualifiedResourceName(resource)} "${name}" not found`, {
    name,
    ...(resource.group ? { group: resource.group } : {}),
    kind: resource.plural,
  });
}

