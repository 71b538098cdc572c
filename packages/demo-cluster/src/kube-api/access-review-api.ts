/**
 * The self-review APIs clients use to ask what they may do and who they are
 * (`kubectl auth can-i`, `kubectl auth whoami`). The demo cluster has one token, a cluster
 * admin, so every access review is allowed.
 */
import { badRequest, methodNotAllowed, resourceNotServed } from './status.ts';
import type { VirtualApi, VirtualRequest } from './virtual-api.ts';

/** Who the demo token is. */
export const DEMO_USER = { username: 'demo-admin', groups: ['system:masters', 'system:authenticated'] };

function requireCreate(request: VirtualRequest, resources: string[]): string {
  const [resource, extra] = request.rest;
  if (resource === undefined || extra !== undefined || !resources.includes(resource)) throw resourceNotServed();
  if (request.method !== 'POST') throw methodNotAllowed(request.method, resource);
  if (request.body !== undefined && (request.body === null || typeof request.body !== 'object' || Array.isArray(request.body))) {
    throw badRequest('the body of the request must be an object');
  }
  return resource;
}

function specOf(body: unknown): Record<string, unknown> {
  const spec = (body as { spec?: unknown } | undefined)?.spec;
  return spec !== null && typeof spec === 'object' ? (spec as Record<string, unknown>) : {};
}

/** authorization.k8s.io/v1: SelfSubjectAccessReview and SelfSubjectRulesReview. */
export const authorizationApi: VirtualApi = {
  group: 'authorization.k8s.io',
  version: 'v1',
  resources: [
    { name: 'selfsubjectaccessreviews', kind: 'SelfSubjectAccessReview', singular: 'selfsubjectaccessreview', namespaced: false, verbs: ['create'] },
    { name: 'selfsubjectrulesreviews', kind: 'SelfSubjectRulesReview', singular: 'selfsubjectrulesreview', namespaced: false, verbs: ['create'] },
  ],
  answer: (_store, request) => {
    const resource = requireCreate(request, ['selfsubjectaccessreviews', 'selfsubjectrulesreviews']);
    const metadata = { creationTimestamp: null };
    if (resource === 'selfsubjectaccessreviews') {
      return {
        code: 201,
        body: {
          kind: 'SelfSubjectAccessReview',
          apiVersion: 'authorization.k8s.io/v1',
          metadata,
          spec: specOf(request.body),
          status: { allowed: true, reason: 'the demo cluster token is a cluster admin (system:masters)' },
        },
      };
    }
    return {
      code: 201,
      body: {
        kind: 'SelfSubjectRulesReview',
        apiVersion: 'authorization.k8s.io/v1',
        metadata,
        spec: specOf(request.body),
        status: {
          resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
          nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
          incomplete: false,
        },
      },
    };
  },
};

/** authentication.k8s.io/v1: SelfSubjectReview. */
export const authenticationApi: VirtualApi = {
  group: 'authentication.k8s.io',
  version: 'v1',
  resources: [{ name: 'selfsubjectreviews', kind: 'SelfSubjectReview', singular: 'selfsubjectreview', namespaced: false, verbs: ['create'] }],
  answer: (_store, request) => {
    requireCreate(request, ['selfsubjectreviews']);
    return {
      code: 201,
      body: {
        kind: 'SelfSubjectReview',
        apiVersion: 'authentication.k8s.io/v1',
        metadata: { creationTimestamp: null },
        status: { userInfo: DEMO_USER },
      },
    };
  },
};
