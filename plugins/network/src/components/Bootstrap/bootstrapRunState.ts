import type {
  BootstrapRun,
  BootstrapRunEvent,
} from '@internal/plugin-network-common';

/** A bootstrap run as shown live: the run with its steps, and log lines per step. */
export interface BootstrapRunState {
  run: BootstrapRun;
  logs: Record<string, string[]>;
}

/**
 * Folds one stream event into the state. Replays are harmless: a step is replaced by id and
 * a log line already last in its step is not added twice.
 */
export function applyBootstrapEvent(
  state: BootstrapRunState,
  event: BootstrapRunEvent,
): BootstrapRunState {
  switch (event.type) {
    case 'step-started':
      return {
        ...state,
        run: {
          ...state.run,
          steps: state.run.steps.map(step =>
            step.id === event.stepId && step.status === 'pending'
              ? { ...step, status: 'running' }
              : step,
          ),
        },
      };
    case 'step-log': {
      const lines = state.logs[event.stepId] ?? [];
      if (lines[lines.length - 1] === event.message) return state;
      return {
        ...state,
        logs: { ...state.logs, [event.stepId]: [...lines, event.message] },
      };
    }
    case 'step-finished':
      return {
        ...state,
        run: {
          ...state.run,
          steps: state.run.steps.map(step =>
            step.id === event.step.id ? event.step : step,
          ),
        },
      };
    case 'run-finished':
      return { ...state, run: event.run };
    default:
      return state;
  }
}
