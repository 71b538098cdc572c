/**
 * Evaluates metav1.LabelSelector objects ({matchLabels, matchExpressions}) and plain
 * `spec.selector` maps of Services against label sets.
 */

/** A metav1.LabelSelector. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/**
 * True when `labels` satisfy `selector`. An absent selector matches nothing unless
 * `absentMatchesAll` (Cilium treats a missing serviceSelector as "every service").
 */
export function matchesLabelSelector(
  selector: LabelSelector | undefined | null,
  labels: Record<string, string> | undefined,
  absentMatchesAll = false,
): boolean {
  if (!selector || typeof selector !== 'object') return absentMatchesAll;
  const set = labels ?? {};
  const matchLabels = selector.matchLabels && typeof selector.matchLabels === 'object' ? selector.matchLabels : {};
  for (const [key, value] of Object.entries(matchLabels)) {
    if (set[key] !== value) return false;
  }
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  for (const expression of expressions) {
    if (!expression || typeof expression !== 'object') return false;
    const has = Object.prototype.hasOwnProperty.call(set, expression.key);
    const values = Array.isArray(expression.values) ? expression.values : [];
    switch (expression.operator) {
      case 'In':
        if (!has || !values.includes(set[expression.key]!)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(set[expression.key]!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** True when every key of a Service-style selector map equals the label; an empty map matches nothing. */
export function matchesSelectorMap(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector || typeof selector !== 'object') return false;
  const entries = Object.entries(selector);
  if (entries.length === 0) return false;
  const set = labels ?? {};
  return entries.every(([key, value]) => set[key] === value);
}
