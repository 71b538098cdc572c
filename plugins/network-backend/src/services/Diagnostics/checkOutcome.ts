import { CHECK_OUTCOME_SEVERITY, CheckFinding, CheckOutcome, OutcomeTotals } from '@internal/plugin-network-common';

/** The worst of some outcomes; `pass` when there are none. */
export function worstOutcome(outcomes: CheckOutcome[]): CheckOutcome {
  let worst: CheckOutcome = 'pass';
  for (const outcome of outcomes) {
    if (CHECK_OUTCOME_SEVERITY[outcome] > CHECK_OUTCOME_SEVERITY[worst]) worst = outcome;
  }
  return worst;
}

/** A check's outcome from its findings: the worst finding, `pass` when it found nothing. */
export function outcomeOfFindings(findings: CheckFinding[]): CheckOutcome {
  return worstOutcome(findings.map(finding => finding.outcome).filter(outcome => outcome !== 'skipped'));
}

/** Adds one outcome to the totals (a new object). */
export function addToTotals(totals: OutcomeTotals, outcome: CheckOutcome): OutcomeTotals {
  return { ...totals, [outcome]: totals[outcome] + 1 };
}
