import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Typography,
} from '@material-ui/core';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import type { ClusterOverview } from '@internal/plugin-network-common';

/**
 * The raw overview as the backend sent it, last on the page and collapsed: status first,
 * raw data for when the summaries are not enough. Serialised only when opened.
 */
export const RawOverviewSection = (props: {
  overview: ClusterOverview;
  expanded: boolean;
  onToggle: () => void;
}) => (
  <Accordion
    expanded={props.expanded}
    onChange={props.onToggle}
    TransitionProps={{ unmountOnExit: true }}
    id="raw"
  >
    <AccordionSummary expandIcon={<ExpandMoreIcon />}>
      <Typography>Raw data (JSON)</Typography>
    </AccordionSummary>
    <AccordionDetails>
      <pre
        style={{ maxHeight: 480, overflow: 'auto', width: '100%', margin: 0 }}
      >
        {JSON.stringify(props.overview, null, 2)}
      </pre>
    </AccordionDetails>
  </Accordion>
);
