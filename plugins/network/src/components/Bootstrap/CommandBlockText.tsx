import { Box } from '@material-ui/core';

/** Log lines in a small monospace block. */
export const CommandBlockText = ({ lines }: { lines: string[] }) => (
  <Box
    component="pre"
    mt={0.5}
    mb={0}
    p={1}
    style={{
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
      fontSize: 12,
      background: 'rgba(127,127,127,0.12)',
      borderRadius: 4,
      whiteSpace: 'pre-wrap',
    }}
  >
    {lines.join('\n')}
  </Box>
);
