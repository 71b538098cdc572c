/**
 * The machine-readable figure lines every benchmark prints next to its human lines:
 *
 *   BENCH {"name": "request-path p95", "value": 3.1, "unit": "ms", "target": "<= 25"}
 *
 * `target` is optional: a comparison operator and a number, in the figure's unit.
 */

const PREFIX = 'BENCH ';

/**
 * The figures found in a benchmark's output, in order. Lines that start with `BENCH ` but do
 * not hold a valid figure are returned in `malformed`, so a broken print is reported, not lost.
 */
export function parseBenchLines(output) {
  const figures = [];
  const malformed = [];
  for (const rawLine of output.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line.startsWith(PREFIX)) continue;
    let figure;
    try {
      figure = JSON.parse(line.slice(PREFIX.length));
    } catch {
      malformed.push(line);
      continue;
    }
    const valid =
      figure !== null &&
      typeof figure === 'object' &&
      typeof figure.name === 'string' &&
      typeof figure.value === 'number' &&
      Number.isFinite(figure.value) &&
      (figure.unit === undefined || typeof figure.unit === 'string') &&
      (figure.target === undefined || parseTarget(figure.target) !== undefined);
    if (valid)
      figures.push({
        name: figure.name,
        value: figure.value,
        unit: figure.unit ?? '',
        target: figure.target,
      });
    else malformed.push(line);
  }
  return { figures, malformed };
}

/** `"<= 25"` -> `{ operator: '<=', bound: 25 }`; undefined when the text is not a target. */
export function parseTarget(text) {
  if (typeof text !== 'string') return undefined;
  const match = /^\s*(<=|>=|<|>|==)\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  if (!match) return undefined;
  return { operator: match[1], bound: Number(match[2]) };
}

/** 'met', 'not met' or 'no target' for one figure. */
export function verdictOf(figure) {
  const target = parseTarget(figure.target);
  if (!target) return 'no target';
  const { operator, bound } = target;
  const met =
    (operator === '<=' && figure.value <= bound) ||
    (operator === '<' && figure.value < bound) ||
    (operator === '>=' && figure.value >= bound) ||
    (operator === '>' && figure.value > bound) ||
    (operator === '==' && figure.value === bound);
  return met ? 'met' : 'not met';
}
