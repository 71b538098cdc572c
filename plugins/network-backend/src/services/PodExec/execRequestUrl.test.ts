import { execRequestUrl } from './execRequestUrl';

describe('execRequestUrl', () => {
  it('repeats command per argument and asks for stdout and stderr', () => {
    const url = new URL(
      execRequestUrl('https://127.0.0.1:6443', { namespace: 'kube-system', pod: 'cilium-abcde', container: 'cilium-agent' }, [
        'cilium-dbg',
        'status',
        '-o',
        'json',
      ]),
    );
    expect(url.protocol).toBe('wss:');
    expect(url.host).toBe('127.0.0.1:6443');
    expect(url.pathname).toBe('/api/v1/namespaces/kube-system/pods/cilium-abcde/exec');
    expect(url.searchParams.getAll('command')).toEqual(['cilium-dbg', 'status', '-o', 'json']);
    expect(url.searchParams.get('container')).toBe('cilium-agent');
    expect(url.searchParams.get('stdout')).toBe('1');
    expect(url.searchParams.get('stderr')).toBe('1');
    expect(url.searchParams.has('stdin')).toBe(false);
  });

  it('keeps a path prefix of the API server URL and maps http to ws', () => {
    const url = execRequestUrl('http://127.0.0.1:8001/k8s/clusters/demo/', { namespace: 'a', pod: 'b' }, ['ls']);
    expect(url).toBe('ws://127.0.0.1:8001/k8s/clusters/demo/api/v1/namespaces/a/pods/b/exec?command=ls&stdout=1&stderr=1');
  });
});
