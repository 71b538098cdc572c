/**
 * Aligned text columns in the manner of Go's text/tabwriter as the Cilium CLI configures it
 * (minimum width 5, padding 3, spaces): each column as wide as its widest cell plus padding.
 * The last column is not padded.
 */

/** Renders rows of cells; a row may have fewer cells than others. */
export function renderTable(rows: readonly (readonly string[])[], minWidth = 5, padding = 3): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, index) => {
      if (index === row.length - 1) return;
      widths[index] = Math.max(widths[index] ?? 0, Math.max(minWidth, cell.length + padding));
    });
  }
  return rows
    .map((row) => row.map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index] ?? 0))).join('').trimEnd())
    .join('\n')
    .concat(rows.length > 0 ? '\n' : '');
}
