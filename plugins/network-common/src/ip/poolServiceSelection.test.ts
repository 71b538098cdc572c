import { LabelSelector } from '../selectors';
import {
  poolSelectionLabels,
  poolSelectsService,
} from './poolServiceSelection';

const service = {
  metadata: { namespace: 'home', name: 'mosquitto', labels: { pool: 'iot' } },
};

describe('poolSelectsService', () => {
  it.each<[string, LabelSelector | null | undefined, boolean]>([
    ['no selector serves every service', undefined, true],
    ['null selector serves every service', null, true],
    ['empty selector serves every service', {}, true],
    ['matching label', { matchLabels: { pool: 'iot' } }, true],
    ['other label', { matchLabels: { pool: 'media' } }, false],
    [
      'by namespace meta label',
      { matchLabels: { 'io.kubernetes.service.namespace': 'home' } },
      true,
    ],
    [
      'by name meta label',
      {
        matchExpressions: [
          {
            key: 'io.kubernetes.service.name',
            operator: 'In',
            values: ['mosquitto', 'matter-server'],
          },
        ],
      },
      true,
    ],
    [
      'by another namespace',
      { matchLabels: { 'io.kubernetes.service.namespace': 'media' } },
      false,
    ],
  ])('%s', (_name, serviceSelector, expected) => {
    expect(poolSelectsService({ spec: { serviceSelector } }, service)).toBe(
      expected,
    );
  });

  it('adds the meta labels to the service labels', () => {
    expect(poolSelectionLabels(service)).toEqual({
      pool: 'iot',
      'io.kubernetes.service.namespace': 'home',
      'io.kubernetes.service.name': 'mosquitto',
    });
  });
});
