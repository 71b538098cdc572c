import { HopState } from '../types';
import { compareHopStates, worstHopState } from './hopStates';

describe('worstHopState', () => {
  it.each<[HopState[], HopState]>([
    [[], 'ok'],
    [['ok'], 'ok'],
    [['ok', 'unknown'], 'unknown'],
    [['warning', 'unknown', 'ok'], 'warning'],
    [['ok', 'failing', 'warning'], 'failing'],
    [['failing', 'unknown'], 'failing'],
  ])('%j -> %s', (states, expected) => {
    expect(worstHopState(states)).toBe(expected);
  });
});

describe('compareHopStates', () => {
  it('sorts by severity', () => {
    const states: HopState[] = ['failing', 'ok', 'warning', 'unknown'];
    expect([...states].sort(compareHopStates)).toEqual([
      'ok',
      'unknown',
      'warning',
      'failing',
    ]);
  });
});
