import { InputError } from '@backstage/errors';
import {
  CHECK_CATEGORIES,
  CheckDescriptor,
  CheckScope,
  DiagnosticSelection,
} from '@internal/plugin-network-common';
import { DiagnosticCheck } from './DiagnosticCheck';

const CHECK_ID_PATTERN = /^[a-z]+\.[a-z0-9-]+$/;

/** The diagnostic checklist: every check by id, and which of them a selection runs. */
export class CheckRegistry {
  private readonly checks = new Map<string, DiagnosticCheck>();

  constructor(checks: DiagnosticCheck[]) {
    for (const check of checks) {
      if (!CHECK_ID_PATTERN.test(check.id)) throw new Error(`Check id '${check.id}' is not <category>.<name>`);
      if (!check.id.startsWith(`${check.category}.`)) throw new Error(`Check id '${check.id}' does not start with its category '${check.category}'`);
      if (this.checks.has(check.id)) throw new Error(`Check id '${check.id}' is registered twice`);
      this.checks.set(check.id, check);
    }
  }

  /** Every check as the API lists it, without the code. */
  descriptors(): CheckDescriptor[] {
    return [...this.checks.values()].map(check => ({
      id: check.id,
      title: check.title,
      category: check.category,
      scopes: check.scopes,
      description: check.description,
      ...(check.manualCommand ? { manualCommand: check.manualCommand } : {}),
    }));
  }

  get(id: string): DiagnosticCheck | undefined {
    return this.checks.get(id);
  }

  /**
   * The checks a selection runs, in registry order. Unknown check ids and categories are a
   * 400 naming them; namespace and entity selections run the checks that support that scope.
   */
  select(selection: DiagnosticSelection): DiagnosticCheck[] {
    const all = [...this.checks.values()];
    const supporting = (scope: CheckScope) => all.filter(check => check.scopes.includes(scope));
    switch (selection.kind) {
      case 'all':
        return all;
      case 'category':
        if (!CHECK_CATEGORIES.includes(selection.category)) {
          throw new InputError(`selection.category: unknown category '${selection.category}'; known: ${CHECK_CATEGORIES.join(', ')}`);
        }
        return all.filter(check => check.category === selection.category);
      case 'checks': {
        const unknown = selection.checkIds.filter(id => !this.checks.has(id));
        if (unknown.length > 0) {
          throw new InputError(`selection.checkIds: unknown check id${unknown.length > 1 ? 's' : ''} ${unknown.map(id => `'${id}'`).join(', ')}`);
        }
        const wanted = new Set(selection.checkIds);
        return all.filter(check => wanted.has(check.id));
      }
      case 'namespace':
        return supporting('namespace');
      case 'entity':
        return supporting('entity');
      default:
        throw new InputError('selection.kind: must be one of all, category, checks, namespace, entity');
    }
  }
}
