/**
 * Label and field selectors in the Kubernetes string syntax, parsed once into predicates.
 * Label selectors: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x,y)`, `a`, `!a`.
 * Field selectors: `path=value`, `path==value`, `path!=value` over dotted paths of the object.
 */
import { StoreError } from './errors.ts';
import type { KubeObject } from './types.ts';

/** A parsed label selector requirement. */
export interface LabelRequirement {
  key: string;
  operator: 'equals' | 'notEquals' | 'in' | 'notin' | 'exists' | 'doesNotExist';
  values: string[];
}

/** A parsed field selector requirement. */
export interface FieldRequirement {
  path: string;
  operator: 'equals' | 'notEquals';
  value: string;
}

/** Splits on commas that are not inside parentheses. */
function splitTopLevel(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of selector) {
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
  return parts.map((part) => part.trim()).filter((part) => part.length > 0);
}

// Label keys: optional DNS prefix and a name of alphanumerics, '-', '_', '.'.
const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function badSelector(selector: string, why: string): StoreError {
  return new StoreError('BadRequest', `unable to parse requirement: ${why} in selector "${selector}"`);
}

function checkKey(selector: string, key: string): string {
  if (!LABEL_KEY.test(key) || key.length > 316) throw badSelector(selector, `invalid label key "${key}"`);
  return key;
}

function checkValue(selector: string, value: string): string {
  if (!LABEL_VALUE.test(value) || value.length > 63) throw badSelector(selector, `invalid label value: "${value}"`);
  return value;
}

/** Parses a label selector; throws a BadRequest StoreError on syntax errors. */
export function parseLabelSelector(selector: string): LabelRequirement[] {
  const requirements: LabelRequirement[] = [];
  for (const part of splitTopLevel(selector)) {
    const setMatch = /^(\S+)\s+(in|notin)\s*\(([^()]*)\)$/.exec(part);
    if (setMatch) {
      const values = setMatch[3]!.split(',').map((value) => value.trim());
      if (values.length === 0 || (values.length === 1 && values[0] === '')) {
        throw badSelector(selector, `for '${setMatch[2]}' operator, values set can't be empty`);
      }
      requirements.push({
        key: checkKey(selector, setMatch[1]!),
        operator: setMatch[2] as 'in' | 'notin',
        values: values.map((value) => checkValue(selector, value)),
      });
      continue;
    }
    const comparison = /^([^=!\s]+)\s*(==|=|!=)\s*(.*)$/.exec(part);
    if (comparison) {
      requirements.push({
        key: checkKey(selector, comparison[1]!),
        operator: comparison[2] === '!=' ? 'notEquals' : 'equals',
        values: [checkValue(selector, comparison[3]!.trim())],
      });
      continue;
    }
    if (part.startsWith('!')) {
      requirements.push({ key: checkKey(selector, part.slice(1).trim()), operator: 'doesNotExist', values: [] });
      continue;
    }
    requirements.push({ key: checkKey(selector, part), operator: 'exists', values: [] });
  }
  return requirements;
}

/** True when `labels` satisfy every requirement. */
export function matchesLabels(requirements: LabelRequirement[], labels: Record<string, string> | undefined): boolean {
  for (const requirement of requirements) {
    const present = labels !== undefined && Object.hasOwn(labels, requirement.key);
    const value = present ? labels![requirement.key] : undefined;
    switch (requirement.operator) {
      case 'equals':
        if (!present || value !== requirement.values[0]) return false;
        break;
      case 'notEquals':
        if (present && value === requirement.values[0]) return false;
        break;
      case 'in':
        if (!present || !requirement.values.includes(value!)) return false;
        break;
      case 'notin':
        if (present && requirement.values.includes(value!)) return false;
        break;
      case 'exists':
        if (!present) return false;
        break;
      case 'doesNotExist':
        if (present) return false;
        break;
    }
  }
  return true;
}

/** Parses a field selector; throws a BadRequest StoreError on syntax errors. */
export function parseFieldSelector(selector: string): FieldRequirement[] {
  const requirements: FieldRequirement[] = [];
  for (const part of splitTopLevel(selector)) {
    const match = /^([^=!\s]+)\s*(==|=|!=)\s*(.*)$/.exec(part);
    if (!match) throw new StoreError('BadRequest', `invalid selector: '${selector}'; can't understand '${part}'`);
    requirements.push({ path: match[1]!, operator: match[2] === '!=' ? 'notEquals' : 'equals', value: match[3]!.trim() });
  }
  return requirements;
}

/** Reads a dotted path ('spec.type', 'metadata.name') as the string a field selector compares. */
export function fieldValue(object: KubeObject, path: string): string {
  let current: unknown = object;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object') return '';
    current = (current as Record<string, unknown>)[segment];
  }
  if (current === undefined || current === null) return '';
  if (typeof current === 'object') return JSON.stringify(current);
  return String(current);
}

/** True when the object satisfies every field requirement. */
export function matchesFields(requirements: FieldRequirement[], object: KubeObject): boolean {
  for (const requirement of requirements) {
    const value = fieldValue(object, requirement.path);
    if (requirement.operator === 'equals' ? value !== requirement.value : value === requirement.value) return false;
  }
  return true;
}

/** Matches a metav1.LabelSelector object ({matchLabels, matchExpressions}) against labels. */
export function matchesLabelSelectorObject(
  selector: { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key: string; operator: string; values?: string[] }> } | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  if (!selector) return true;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels?.[key] !== value) return false;
  }
  for (const expression of selector.matchExpressions ?? []) {
    const present = labels !== undefined && Object.hasOwn(labels, expression.key);
    const value = present ? labels![expression.key]! : undefined;
    const values = expression.values ?? [];
    switch (expression.operator) {
      case 'In':
        if (!present || !values.includes(value!)) return false;
        break;
      case 'NotIn':
        if (present && values.includes(value!)) return false;
        break;
      case 'Exists':
        if (!present) return false;
        break;
      case 'DoesNotExist':
        if (present) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}
