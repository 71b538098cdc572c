import { WATCHED_KINDS } from '../ClusterCache/watchedKinds';

/** `group/Kind` for kinds of an API group, `Kind` for core ones, as the API reports kinds. */
export function qualifiedKind(kind: string): string {
  const spec = WATCHED_KINDS.find(candidate => candidate.kind === kind);
  return spec?.group ? `${spec.group}/${kind}` : kind;
}
