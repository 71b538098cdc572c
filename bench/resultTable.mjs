/**
 * The table printed at the end of a run: benchmark | figure | value | target | verdict.
 * One row per figure; a benchmark that failed or was skipped gets one row saying so.
 */
import { verdictOf } from './benchLine.mjs';

const HEADER = ['benchmark', 'figure', 'value', 'target', 'verdict'];

/** A figure's value as people read it: at most 3 significant decimals, then the unit. */
export function formatValue(value, unit) {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const number = Number.isInteger(value)
    ? String(value)
    : value.toFixed(digits);
  return unit ? `${number} ${unit}` : number;
}

/** Rows (arrays of five strings) from the outcome of every benchmark that was asked for. */
export function tableRows(outcomes) {
  const rows = [];
  for (const outcome of outcomes) {
    for (const figure of outcome.figures) {
      const target = figure.target
        ? `${figure.target.trim()}${figure.unit ? ` ${figure.unit}` : ''}`
        : '';
      rows.push([
        outcome.name,
        figure.name,
        formatValue(figure.value, figure.unit),
        target,
        verdictOf(figure),
      ]);
    }
    for (const line of outcome.malformed)
      rows.push([
        outcome.name,
        `malformed: ${line.slice(0, 60)}`,
        '',
        '',
        'failed',
      ]);
    if (outcome.status === 'skipped')
      rows.push([
        outcome.name,
        `skipped: ${outcome.reason}`,
        '',
        '',
        'skipped',
      ]);
    else if (outcome.status === 'failed')
      rows.push([outcome.name, `failed: ${outcome.reason}`, '', '', 'failed']);
    else if (outcome.figures.length === 0)
      rows.push([outcome.name, 'no BENCH lines printed', '', '', 'failed']);
  }
  return rows;
}

/** Longest cell of the text table; longer ones (failure reasons) are cut, the list below has them whole. */
const MAX_CELL = 60;

/** The rows as a plain-text table with aligned columns. */
export function formatTextTable(rows) {
  const cut = cell =>
    cell.length > MAX_CELL ? `${cell.slice(0, MAX_CELL - 3)}...` : cell;
  const all = [HEADER, ...rows].map(row => row.map(cut));
  const widths = HEADER.map((_, column) =>
    Math.max(...all.map(row => row[column].length)),
  );
  const line = row =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join(' | ')
      .trimEnd();
  return [
    line(HEADER),
    widths.map(width => '-'.repeat(width)).join('-|-'),
    ...all.slice(1).map(line),
  ].join('\n');
}

/** The rows as a Markdown table (for bench/README.md). */
export function formatMarkdownTable(rows) {
  const escape = cell => cell.replace(/\|/g, '\\|');
  return [
    `| ${HEADER.join(' | ')} |`,
    `| ${HEADER.map(() => '---').join(' | ')} |`,
    ...rows.map(row => `| ${row.map(escape).join(' | ')} |`),
  ].join('\n');
}
