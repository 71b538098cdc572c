import { Button } from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import type { Hop, RequestPath } from '@internal/plugin-network-common';
import { HOP_KIND_TEXT } from './hopKindText';

/** The hop the alert is about: the backend's failing hop, else the first warning. */
export function hopToReport(
  path: RequestPath,
): { hop: Hop; hostname?: string } | undefined {
  if (path.failingHop) {
    const chain = path.paths[path.failingHop.pathIndex];
    const hop =
      chain?.hops.find(h => h.id === path.failingHop!.hopId) ??
      path.beside.find(h => h.id === path.failingHop!.hopId);
    if (hop) return { hop, hostname: chain?.hostname };
  }
  for (const state of ['failing', 'warning'] as const) {
    for (const chain of path.paths) {
      const hop = chain.hops.find(h => h.state === state);
      if (hop) return { hop, hostname: chain.hostname };
    }
    const hop = path.beside.find(h => h.state === state);
    if (hop) return { hop };
  }
  return undefined;
}

/** The worst hop's reason and fix hint, on top of the tab, with a button to its evidence. */
export const FailingHopAlert = (props: {
  path: RequestPath;
  onShowDetails: (hop: Hop) => void;
}) => {
  const report = hopToReport(props.path);
  if (!report) return null;
  const { hop, hostname } = report;
  return (
    <Alert
      severity={hop.state === 'failing' ? 'error' : 'warning'}
      action={
        <Button
          color="inherit"
          size="small"
          onClick={() => props.onShowDetails(hop)}
        >
          Show evidence
        </Button>
      }
    >
      <AlertTitle>
        {HOP_KIND_TEXT[hop.kind]} {hop.title} is {hop.state}
        {hop.reason ? `: ${hop.reason}` : ''}
        {hostname ? ` (for ${hostname})` : ''}
      </AlertTitle>
      {hop.message && <div>{hop.message}</div>}
      {hop.fixHint && (
        <div>
          <strong>Fix: </strong>
          {hop.fixHint}
        </div>
      )}
    </Alert>
  );
};
