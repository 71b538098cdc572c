/** Where a pod exec goes: the API server's `pods/exec` subresource as a WebSocket URL. */
export function execRequestUrl(
  apiServerUrl: string,
  target: { namespace: string; pod: string; container?: string },
  command: string[],
): string {
  const base = new URL(apiServerUrl);
  const query = new URLSearchParams();
  // kubectl repeats `command` once per argument; the API server keeps the order.
  for (const part of command) query.append('command', part);
  if (target.container) query.set('container', target.container);
  query.set('stdout', '1');
  query.set('stderr', '1');
  const scheme = base.protocol === 'http:' ? 'ws:' : 'wss:';
  const basePath = base.pathname.replace(/\/$/, '');
  const path = `${basePath}/api/v1/namespaces/${encodeURIComponent(target.namespace)}/pods/${encodeURIComponent(target.pod)}/exec`;
  return `${scheme}//${base.host}${path}?${query.toString()}`;
}
