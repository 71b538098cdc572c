import {
  diagnosticRunDetail,
  failingRoutesResult,
  passingDnsResult,
} from '../../testing/diagnosticsFixture';
import { applyDiagnosticEvent, stateFromDetail } from './diagnosticRunState';

describe('applyDiagnosticEvent', () => {
  const start = stateFromDetail(
    diagnosticRunDetail({
      status: 'running',
      progress: { done: 1, total: 2 },
      results: [failingRoutesResult],
    }),
  );

  it('marks a started check as running and removes it when it finishes', () => {
    const started = applyDiagnosticEvent(start, {
      seq: 3,
      type: 'check-started',
      checkId: 'dns.answers-match',
    });
    expect(started.running).toEqual(['dns.answers-match']);
    const finished = applyDiagnosticEvent(started, {
      seq: 4,
      type: 'check-finished',
      result: passingDnsResult,
      progress: { done: 2, total: 2 },
    });
    expect(finished.running).toEqual([]);
    expect(finished.results.map(r => r.checkId)).toEqual([
      'gateway.routes-accepted',
      'dns.answers-match',
    ]);
    expect(finished.run.progress).toEqual({ done: 2, total: 2 });
  });

  it('ignores a replayed start and replaces a replayed result', () => {
    const replayedStart = applyDiagnosticEvent(start, {
      seq: 1,
      type: 'check-started',
      checkId: 'gateway.routes-accepted',
    });
    expect(replayedStart.running).toEqual([]);
    const replayedResult = applyDiagnosticEvent(start, {
      seq: 2,
      type: 'check-finished',
      result: failingRoutesResult,
      progress: { done: 1, total: 2 },
    });
    expect(replayedResult.results).toHaveLength(1);
  });

  it('takes the final run from run-finished', () => {
    const done = applyDiagnosticEvent(start, {
      seq: 9,
      type: 'run-finished',
      run: {
        ...start.run,
        status: 'succeeded',
        progress: { done: 2, total: 2 },
      },
    });
    expect(done.run.status).toBe('succeeded');
  });
});
