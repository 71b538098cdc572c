import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Box,
  Typography,
} from '@material-ui/core';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import {
  CHECK_OUTCOME_SEVERITY,
  CheckFinding,
  CheckResult,
} from '@internal/plugin-network-common';
import { OutcomeLabel } from '../OutcomeLabel';
import { EvidenceView } from './EvidenceView';
import { InlineRow } from '../Layout';

/** Findings with problems first, so the failing subject is not below the healthy ones. */
function worstFirst(findings: CheckFinding[]): CheckFinding[] {
  return [...findings].sort(
    (a, b) =>
      CHECK_OUTCOME_SEVERITY[b.outcome] - CHECK_OUTCOME_SEVERITY[a.outcome],
  );
}

/**
 * One check's result: outcome, title and summary on a row that is a button (Enter or Space
 * expands it); expanded, its findings with their evidence, the check's own evidence and
 * the remediation.
 */
export const CheckResultItem = (props: {
  result: CheckResult;
  expanded: boolean;
  onToggle: () => void;
}) => {
  const { result, expanded, onToggle } = props;
  const detailsId = `check-${result.checkId}-details`;
  return (
    <Accordion
      expanded={expanded}
      onChange={onToggle}
      TransitionProps={{ unmountOnExit: true }}
    >
      <AccordionSummary
        expandIcon={<ExpandMoreIcon />}
        aria-controls={detailsId}
      >
        <InlineRow gap={16}>
          <Box minWidth={110}>
            <OutcomeLabel outcome={result.outcome} />
          </Box>
          <Typography component="span" style={{ fontWeight: 600 }}>
            {result.title}
          </Typography>
          <Typography component="span" variant="body2" color="textSecondary">
            {result.summary}
          </Typography>
        </InlineRow>
      </AccordionSummary>
      <AccordionDetails id={detailsId}>
        <Box
          width="100%"
          display="flex"
          flexDirection="column"
          style={{ gap: 12 }}
        >
          <Typography variant="caption" color="textSecondary">
            {result.checkId} · {result.category} · {result.durationMs} ms
          </Typography>
          {result.error && (
            <Typography variant="body2">
              Could not decide: {result.error}
            </Typography>
          )}
          {result.findings.length > 0 && (
            <Box>
              <Typography variant="subtitle2">
                Findings ({result.findings.length})
              </Typography>
              {worstFirst(result.findings).map((finding, index) => (
                <Box
                  key={index}
                  mt={1}
                  pl={1}
                  borderLeft={3}
                  borderColor="divider"
                >
                  <InlineRow>
                    <OutcomeLabel outcome={finding.outcome} />
                    <Typography component="span" style={{ fontWeight: 500 }}>
                      {finding.subject}
                    </Typography>
                    <Typography component="span" variant="body2">
                      {finding.message}
                    </Typography>
                  </InlineRow>
                  {finding.evidence && (
                    <Box mt={1}>
                      <EvidenceView evidence={finding.evidence} />
                    </Box>
                  )}
                </Box>
              ))}
            </Box>
          )}
          {result.evidence && (
            <Box>
              <Typography variant="subtitle2">Evidence</Typography>
              <EvidenceView evidence={result.evidence} />
            </Box>
          )}
          {result.remediation && (
            <Box>
              <Typography variant="subtitle2">Remediation</Typography>
              <Typography variant="body2">{result.remediation}</Typography>
            </Box>
          )}
        </Box>
      </AccordionDetails>
    </Accordion>
  );
};
