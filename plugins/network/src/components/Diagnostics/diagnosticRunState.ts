import {
  CHECK_OUTCOME_SEVERITY,
  CheckResult,
  DiagnosticRun,
  DiagnosticRunDetail,
  DiagnosticRunEvent,
} from '@internal/plugin-network-common';

/** What a run view shows: the run, its results so far, and the checks running now. */
export interface DiagnosticRunState {
  run: DiagnosticRun;
  results: CheckResult[];
  /** Check ids started but not finished, in start order. */
  running: string[];
  /** The latest log line of each running check. */
  logs: Record<string, string>;
}

/** The state of a run as its detail was read. */
export function stateFromDetail(
  detail: DiagnosticRunDetail,
): DiagnosticRunState {
  const { results, ...run } = detail;
  return { run, results, running: [], logs: {} };
}

/**
 * Folds one stream event into the state. Idempotent per check (a result replaces the one
 * with the same check id), because a stream read from the start replays what the detail
 * already had.
 */
export function applyDiagnosticEvent(
  state: DiagnosticRunState,
  event: DiagnosticRunEvent,
): DiagnosticRunState {
  switch (event.type) {
    case 'check-started':
      if (
        state.running.includes(event.checkId) ||
        state.results.some(r => r.checkId === event.checkId)
      ) {
        return state;
      }
      return { ...state, running: [...state.running, event.checkId] };
    case 'check-log':
      return {
        ...state,
        logs: { ...state.logs, [event.checkId]: event.message },
      };
    case 'check-finished': {
      const { checkId } = event.result;
      return {
        ...state,
        run: { ...state.run, progress: event.progress },
        results: [
          ...state.results.filter(r => r.checkId !== checkId),
          event.result,
        ],
        running: state.running.filter(id => id !== checkId),
      };
    }
    case 'run-finished':
      return { ...state, run: event.run, running: [] };
    default:
      return state;
  }
}

/** Results worst first, then by title: what needs attention is on top. */
export function sortResults(results: CheckResult[]): CheckResult[] {
  return [...results].sort(
    (a, b) =>
      CHECK_OUTCOME_SEVERITY[b.outcome] - CHECK_OUTCOME_SEVERITY[a.outcome] ||
      a.title.localeCompare(b.title),
  );
}
