/** One `matchExpressions` entry of a Kubernetes LabelSelector. */
export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

/** A Kubernetes metav1.LabelSelector. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/** A requirement in normal form; `key=value` becomes In [value], `key!=value` NotIn [value]. */
export interface LabelRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

/** What an absent (null or undefined) selector means where it is used. */
export type AbsentSelector = 'matches-everything' | 'matches-nothing';

/**
 * Converts a LabelSelector into requirements, or an error message when it is
 * invalid (an unknown operator, In/NotIn without values, Exists/DoesNotExist
 * with values), as metav1.LabelSelectorAsSelector does.
 */
export function labelSelectorRequirements(
  selector: LabelSelector,
): { requirements: LabelRequirement[] } | { error: string } {
  const requirements: LabelRequirement[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    requirements.push({ key, operator: 'In', values: [String(value)] });
  }
  for (const expression of selector.matchExpressions ?? []) {
    const values = Array.isArray(expression.values)
      ? expression.values.map(String)
      : [];
    switch (expression.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) {
          return {
            error: `operator ${expression.operator} on key '${expression.key}' needs at least one value`,
          };
        }
        requirements.push({
          key: expression.key,
          operator: expression.operator,
          values,
        });
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) {
          return {
            error: `operator ${expression.operator} on key '${expression.key}' takes no values`,
          };
        }
        requirements.push({
          key: expression.key,
          operator: expression.operator,
          values: [],
        });
        break;
      default:
        return {
          error: `unknown operator '${expression.operator}' on key '${expression.key}'`,
        };
    }
  }
  return { requirements };
}

/** Whether labels satisfy every requirement (an empty list matches everything). */
export function matchesLabelRequirements(
  requirements: LabelRequirement[],
  labels: Record<string, string> | undefined,
): boolean {
  const actual = labels ?? {};
  return requirements.every(requirement => {
    const has = Object.prototype.hasOwnProperty.call(actual, requirement.key);
    switch (requirement.operator) {
      case 'In':
        return has && requirement.values.includes(actual[requirement.key]);
      case 'NotIn':
        // As in Kubernetes: a missing key satisfies NotIn.
        return !has || !requirement.values.includes(actual[requirement.key]);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        return false;
    }
  });
}

/**
 * Whether labels match a LabelSelector, with Kubernetes semantics:
 * - an empty selector (`{}`) matches everything;
 * - an absent selector (null/undefined) matches nothing, as `LabelSelectorAsSelector`
 *   does, unless the caller says its field means "all" when absent (for example a
 *   CiliumLoadBalancerIPPool without serviceSelector serves every service);
 * - an invalid selector matches nothing (the API server would have rejected it).
 */
export function matchesLabelSelector(
  selector: LabelSelector | null | undefined,
  labels: Record<string, string> | undefined,
  absent: AbsentSelector = 'matches-nothing',
): boolean {
  if (selector === null || selector === undefined)
    return absent === 'matches-everything';
  const converted = labelSelectorRequirements(selector);
  if ('error' in converted) return false;
  return matchesLabelRequirements(converted.requirements, labels);
}
