import {
  CHECK_OUTCOME_SEVERITY,
  CheckOutcome,
  CheckResult,
  OutcomeTotals,
  RunDiffEntry,
} from '@internal/plugin-network-common';

/** What happened to a check between two runs. */
export type DiffChange =
  | 'fixed'
  | 'regressed'
  | 'changed'
  | 'unchanged'
  | 'added'
  | 'removed';

/** A diff row with its classification. */
export interface ClassifiedDiffEntry extends RunDiffEntry {
  change: DiffChange;
}

function classify(before?: CheckOutcome, after?: CheckOutcome): DiffChange {
  if (!before) return 'added';
  if (!after) return 'removed';
  if (before === after) return 'unchanged';
  const delta = CHECK_OUTCOME_SEVERITY[after] - CHECK_OUTCOME_SEVERITY[before];
  // Skipped ranks lowest but is not "better" than pass: only a move between pass/warn/fail/error counts.
  if (before === 'skipped' || after === 'skipped') return 'changed';
  return delta < 0 ? 'fixed' : 'regressed';
}

const CHANGE_ORDER: Record<DiffChange, number> = {
  regressed: 0,
  fixed: 1,
  changed: 2,
  added: 3,
  removed: 4,
  unchanged: 5,
};

/**
 * Check by check, the outcome in the older run (`before`) and the newer one (`after`);
 * regressions first, unchanged last.
 */
export function diffRuns(
  before: CheckResult[],
  after: CheckResult[],
): ClassifiedDiffEntry[] {
  const byId = new Map<string, ClassifiedDiffEntry>();
  for (const result of before) {
    byId.set(result.checkId, {
      checkId: result.checkId,
      title: result.title,
      before: result.outcome,
      change: 'removed',
    });
  }
  for (const result of after) {
    const entry = byId.get(result.checkId);
    byId.set(result.checkId, {
      checkId: result.checkId,
      title: result.title,
      before: entry?.before,
      after: result.outcome,
      change: 'unchanged',
    });
  }
  return [...byId.values()]
    .map(entry => ({ ...entry, change: classify(entry.before, entry.after) }))
    .sort(
      (a, b) =>
        CHANGE_ORDER[a.change] - CHANGE_ORDER[b.change] ||
        a.title.localeCompare(b.title),
    );
}

/** A run's overall outcome: the worst outcome with a count above zero. */
export function runOutcome(totals: OutcomeTotals): CheckOutcome | undefined {
  const present = (Object.keys(totals) as CheckOutcome[]).filter(
    outcome => totals[outcome] > 0,
  );
  if (present.length === 0) return undefined;
  return present.reduce((worst, outcome) =>
    CHECK_OUTCOME_SEVERITY[outcome] > CHECK_OUTCOME_SEVERITY[worst]
      ? outcome
      : worst,
  );
}
