import type { DiagnosticSelection } from '@internal/plugin-network-common';

/** What a run covered, in words: `all checks`, `category dns`, `entity component:default/x`. */
export function selectionText(selection: DiagnosticSelection): string {
  switch (selection.kind) {
    case 'all':
      return 'all checks';
    case 'category':
      return `category ${selection.category}`;
    case 'checks':
      return selection.checkIds.length === 1
        ? `check ${selection.checkIds[0]}`
        : `${selection.checkIds.length} selected checks`;
    case 'namespace':
      return `namespace ${selection.namespace}`;
    case 'entity':
      return `entity ${selection.entityRef}`;
    default:
      return 'unknown selection';
  }
}
