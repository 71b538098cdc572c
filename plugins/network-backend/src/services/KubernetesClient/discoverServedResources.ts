import { KubernetesApiError, KubernetesReader } from './KubernetesClient';

/**
 * Asks the API server which of the given group/versions it serves and which resources each
 * has. Returns keys `<groupVersion>/<plural>` (core: `v1/pods`). A group/version the server
 * does not serve is simply absent from the result, so clusters without Cilium or Gateway API
 * are described, not failed.
 */
export async function discoverServedResources(
  client: KubernetesReader,
  groupVersions: Iterable<string>,
): Promise<Set<string>> {
  const wanted = new Set(groupVersions);
  const served = new Set<string>();
  const apis = await client.getJson('/apis');
  const servedGroupVersions = new Set<string>(['v1']);
  for (const group of apis.groups ?? []) {
    for (const version of group.versions ?? []) servedGroupVersions.add(version.groupVersion);
  }
  const toRead = [...wanted].filter(groupVersion => servedGroupVersions.has(groupVersion));
  await Promise.all(
    toRead.map(async groupVersion => {
      const path = groupVersion === 'v1' ? '/api/v1' : `/apis/${groupVersion}`;
      try {
        const list = await client.getJson(path);
        for (const resource of list.resources ?? []) {
          served.add(`${groupVersion}/${resource.name}`);
        }
      } catch (error) {
        // A group listed in /apis but gone by now (CRD deleted in between) is absent, not an error.
        if (error instanceof KubernetesApiError && error.statusCode === 404) return;
        throw error;
      }
    }),
  );
  return served;
}
