export { InlineRow } from './InlineRow';
export { MonospaceBlock, monospaceStyle } from './Monospace';
