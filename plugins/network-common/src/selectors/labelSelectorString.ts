import {
  LabelRequirement,
  LabelSelector,
  labelSelectorRequirements,
} from './labelSelector';

/**
 * Parses the label selector string syntax of kubectl and the API's `labelSelector`
 * parameter: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, joined by
 * commas. An empty string is the empty selector (matches everything).
 * Returns an error message that names the offending part when the text is malformed.
 */
export function parseLabelSelectorString(
  text: string,
): { requirements: LabelRequirement[] } | { error: string } {
  const requirements: LabelRequirement[] = [];
  for (const part of splitTopLevel(text)) {
    const trimmed = part.trim();
    if (trimmed === '') {
      if (text.trim() === '') continue;
      return { error: `empty requirement in '${text}'` };
    }
    const requirement = parseRequirement(trimmed);
    if (!requirement) return { error: `cannot parse '${trimmed}'` };
    requirements.push(requirement);
  }
  return { requirements };
}

/** Formats requirements in the string syntax (inverse of `parseLabelSelectorString`). */
export function formatLabelRequirements(
  requirements: LabelRequirement[],
): string {
  return requirements
    .map(({ key, operator, values }) => {
      switch (operator) {
        case 'In':
          return values.length === 1
            ? `${key}=${values[0]}`
            : `${key} in (${values.join(',')})`;
        case 'NotIn':
          return values.length === 1
            ? `${key}!=${values[0]}`
            : `${key} notin (${values.join(',')})`;
        case 'Exists':
          return key;
        default:
          return `!${key}`;
      }
    })
    .join(',');
}

/** Formats a LabelSelector in the string syntax; `''` for the empty selector, `<invalid: ...>` otherwise. */
export function formatLabelSelector(
  selector: LabelSelector | null | undefined,
): string {
  if (!selector) return '';
  const converted = labelSelectorRequirements(selector);
  if ('error' in converted) return `<invalid: ${converted.error}>`;
  return formatLabelRequirements(converted.requirements);
}

// Keys may carry a DNS prefix (`app.kubernetes.io/name`); values are label values or empty.
const KEY = '[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?';
const VALUE = '([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?';
const EQUALITY = new RegExp(`^(${KEY})\\s*(==|=|!=)\\s*(${VALUE})$`);
const SET = new RegExp(`^(${KEY})\\s+(in|notin)\\s*\\(([^()]*)\\)$`);
const EXISTS = new RegExp(`^(!?)\\s*(${KEY})$`);
const VALUE_ONLY = new RegExp(`^${VALUE}$`);

function parseRequirement(text: string): LabelRequirement | undefined {
  const equality = EQUALITY.exec(text);
  if (equality) {
    const key = equality[1];
    const value = equality[4];
    return {
      key,
      operator: equality[3] === '!=' ? 'NotIn' : 'In',
      values: [value],
    };
  }
  const set = SET.exec(text);
  if (set) {
    const values = set[4].split(',').map(value => value.trim());
    if (values.some(value => !VALUE_ONLY.test(value))) return undefined;
    // As in Kubernetes, `a in ()` parses as the single empty value.
    return { key: set[1], operator: set[3] === 'in' ? 'In' : 'NotIn', values };
  }
  const exists = EXISTS.exec(text);
  if (exists) {
    return {
      key: exists[2],
      operator: exists[1] === '!' ? 'DoesNotExist' : 'Exists',
      values: [],
    };
  }
  return undefined;
}

/** Splits at commas that are not inside parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}
