import { failingRequestPath } from '../../testing/requestPathFixture';
import { hopGraph } from './hopGraph';
import { hopToReport } from './FailingHopAlert';

describe('hopGraph', () => {
  it('chains the hops in order and hangs the certificate from the listener', () => {
    const path = failingRequestPath();
    const { nodes, edges } = hopGraph(path.paths[0], path.beside);
    expect(nodes.map(n => [n.id, n.beside])).toEqual([
      ['hostname', false],
      ['dns-internal', false],
      ['lb', false],
      ['listener', false],
      ['route:media/sonarr', false],
      ['service', false],
      ['certificate:network/demo-lab-tls', true],
    ]);
    expect(edges).toEqual([
      { from: 'hostname', to: 'dns-internal' },
      { from: 'dns-internal', to: 'lb' },
      { from: 'lb', to: 'listener' },
      { from: 'listener', to: 'route:media/sonarr' },
      { from: 'route:media/sonarr', to: 'service' },
      {
        from: 'listener',
        to: 'certificate:network/demo-lab-tls',
        label: 'TLS',
      },
    ]);
  });

  it('hangs a policy from the pods, or from the last hop when there are no pods', () => {
    const path = failingRequestPath();
    const policy = {
      ...path.beside[0],
      id: 'policy:gateway',
      kind: 'policy' as const,
      title: 'gateway -> pods',
    };
    const withoutPods = hopGraph(path.paths[0], [policy]);
    expect(withoutPods.edges.at(-1)).toEqual({
      from: 'service',
      to: 'policy:gateway',
      label: 'policy',
    });

    const chain = {
      ...path.paths[0],
      hops: [
        ...path.paths[0].hops,
        { ...path.paths[0].hops[5], id: 'pods', kind: 'pods' as const },
      ],
    };
    expect(hopGraph(chain, [policy]).edges.at(-1)).toEqual({
      from: 'pods',
      to: 'policy:gateway',
      label: 'policy',
    });
  });
});

describe('hopToReport', () => {
  it('reports the backend failing hop with its hostname', () => {
    expect(hopToReport(failingRequestPath())).toMatchObject({
      hop: { id: 'route:media/sonarr', reason: 'BackendNotFound' },
      hostname: 'sonarr.demo.lab',
    });
  });

  it('falls back to the first warning, including beside hops', () => {
    const path = failingRequestPath({
      failingHop: undefined,
      state: 'warning',
    });
    path.paths[0].hops = path.paths[0].hops.map(hop => ({
      ...hop,
      state: 'ok',
    }));
    path.beside[0] = {
      ...path.beside[0],
      state: 'warning',
      reason: 'Expiring',
    };
    expect(hopToReport(path)?.hop).toMatchObject({
      kind: 'certificate',
      reason: 'Expiring',
    });
  });

  it('reports nothing when every hop is ok', () => {
    const path = failingRequestPath({ failingHop: undefined, state: 'ok' });
    path.paths[0].hops = path.paths[0].hops.map(hop => ({
      ...hop,
      state: 'ok',
    }));
    expect(hopToReport(path)).toBeUndefined();
  });
});
