import { objectFieldChanges } from './objectFieldChanges';

describe('objectFieldChanges', () => {
  const live = {
    apiVersion: 'cilium.io/v2alpha1',
    kind: 'CiliumLoadBalancerIPPool',
    metadata: { name: 'p', uid: 'u1', resourceVersion: '10', generation: 1, creationTimestamp: 't1', managedFields: [{ manager: 'a' }], labels: { a: '1' } },
    spec: { blocks: [{ cidr: '10.0.0.0/24' }], allowFirstLastIPs: 'No' },
    status: { conditions: [{ type: 'cilium.io/IPsTotal', message: '254' }] },
  };

  it.each<[string, unknown, unknown]>([
    ['nothing when only server fields and status differ', { ...live, metadata: { ...live.metadata, resourceVersion: '11', generation: 2, managedFields: [] }, status: {} }, []],
    ['a changed leaf in an array', { ...live, spec: { ...live.spec, blocks: [{ cidr: '10.0.1.0/24' }] } }, [{ path: 'spec.blocks[0].cidr', before: '10.0.0.0/24', after: '10.0.1.0/24' }]],
    ['an added array element', { ...live, spec: { ...live.spec, blocks: [{ cidr: '10.0.0.0/24' }, { start: '10.0.2.1' }] } }, [{ path: 'spec.blocks[1].start', after: '10.0.2.1' }]],
    ['a removed field', { ...live, spec: { blocks: live.spec.blocks } }, [{ path: 'spec.allowFirstLastIPs', before: 'No' }]],
    ['an added label', { ...live, metadata: { ...live.metadata, labels: { a: '1', b: '2' } } }, [{ path: 'metadata.labels.b', after: '2' }]],
  ])('reports %s', (_name, result, expected) => {
    expect(objectFieldChanges(live, result)).toEqual(expected);
  });

  it('lists a created object leaf by leaf', () => {
    expect(objectFieldChanges({}, { kind: 'X', metadata: { name: 'p', uid: 'u' }, spec: { blocks: [{ cidr: '10.0.0.0/24' }] } })).toEqual([
      { path: 'kind', after: 'X' },
      { path: 'metadata.name', after: 'p' },
      { path: 'spec.blocks[0].cidr', after: '10.0.0.0/24' },
    ]);
  });
});
