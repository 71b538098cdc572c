/**
 * `ui:options.usedWhen`: the answers under which a field matters, e.g.
 * `{ routing: gateway, exposure: [internal, internal-and-public] }`. Every listed field must
 * hold the value (or one of the values). A field that does not matter is not checked against
 * the cluster: a missing public gateway must not block an internal-only service.
 */
export type UsedWhen = Record<string, string | string[]>;

/** Whether the form's answers make the field matter (true without `usedWhen`). */
export function isFieldUsed(
  usedWhen: UsedWhen | undefined,
  formData: Record<string, unknown>,
): boolean {
  if (!usedWhen) return true;
  return Object.entries(usedWhen).every(([field, wanted]) =>
    (Array.isArray(wanted) ? wanted : [wanted]).includes(
      String(formData[field] ?? ''),
    ),
  );
}
