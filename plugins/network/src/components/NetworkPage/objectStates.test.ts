import type {
  CertificateSummary,
  DnsRecordSummary,
  GatewaySummary,
} from '@internal/plugin-network-common';
import { overviewFixture } from '../../testing/overviewFixture';
import {
  certificateState,
  dnsState,
  gatewayState,
  poolState,
} from './objectStates';

const gateway = (conditions: GatewaySummary['conditions']): GatewaySummary => ({
  namespace: 'network',
  name: 'gw',
  gatewayClassName: 'cilium',
  addresses: [],
  listeners: [],
  conditions,
});

describe('gatewayState', () => {
  it.each([
    [
      [
        { type: 'Accepted', status: 'True' },
        { type: 'Programmed', status: 'True', reason: 'Programmed' },
      ],
      'ok',
      'Programmed',
    ],
    [
      [{ type: 'Accepted', status: 'False', reason: 'InvalidParameters' }],
      'failing',
      'InvalidParameters',
    ],
    [
      [
        { type: 'Accepted', status: 'True' },
        { type: 'Programmed', status: 'False', reason: 'AddressNotAssigned' },
      ],
      'failing',
      'AddressNotAssigned',
    ],
    [
      [{ type: 'Accepted', status: 'True' }],
      'unknown',
      'NoProgrammedCondition',
    ],
  ])('%j -> %s %s', (conditions, state, reason) => {
    expect(gatewayState(gateway(conditions))).toMatchObject({ state, reason });
  });
});

describe('poolState', () => {
  const [exhausted, lan] = overviewFixture().pools;
  it.each([
    ['exhausted', exhausted, 'failing', 'Exhausted'],
    ['with room', lan, 'ok', 'Available'],
    [
      'conflicting',
      { ...lan, conflicts: ['overlaps lan2'] },
      'failing',
      'PoolConflict',
    ],
    [
      'selecting nothing',
      { ...lan, selectorMatchesNothing: true },
      'warning',
      'SelectorMatchesNothing',
    ],
    ['disabled', { ...exhausted, disabled: true }, 'unknown', 'Disabled'],
  ])('%s', (_name, pool, state, reason) => {
    expect(poolState(pool)).toMatchObject({ state, reason });
  });
});

describe('certificateState', () => {
  const certificate = (
    partial: Partial<CertificateSummary>,
  ): CertificateSummary => ({
    namespace: 'a',
    name: 'c',
    dnsNames: [],
    secretName: 'c',
    issuer: 'x',
    ready: true,
    ...partial,
  });
  it.each([
    [{ daysLeft: 80 }, 'ok', 'Ready'],
    [{ daysLeft: 29 }, 'warning', 'Expiring'],
    [{ daysLeft: 30 }, 'ok', 'Ready'],
    [{ daysLeft: -2 }, 'failing', 'Expired'],
    [{ ready: false, readyReason: 'DoesNotExist' }, 'failing', 'DoesNotExist'],
  ])('%j -> %s %s', (partial, state, reason) => {
    expect(certificateState(certificate(partial))).toMatchObject({
      state,
      reason,
    });
  });
});

describe('dnsState', () => {
  it.each([
    ['match', 'ok'],
    ['mismatch', 'failing'],
    ['no-answer', 'failing'],
    ['unchecked', 'unknown'],
  ] as const)('%s -> %s', (recordState, state) => {
    const record: DnsRecordSummary = {
      hostname: 'a',
      scope: 'internal',
      expected: [],
      answered: [],
      state: recordState,
    };
    expect(dnsState(record).state).toBe(state);
  });
});
