import { Box, Typography } from '@material-ui/core';
import type { CheckEvidence, ObjectRef } from '@internal/plugin-network-common';
import { MonospaceBlock, monospaceStyle } from '../Layout';
import { StateTable } from '../StateTable';

/** `Kind namespace/name`, the way kubectl users read an object. */
export function objectText(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

/** A command and its output, as the operator would see it in a shell. */
export const CommandBlock = (props: {
  text: string;
  output: string;
  exitCode?: number;
}) => (
  <MonospaceBlock>
    {`$ ${props.text}\n${props.output}`}
    {props.exitCode !== undefined && props.exitCode !== 0
      ? `\n(exit code ${props.exitCode})`
      : ''}
  </MonospaceBlock>
);

/** What a check saw: objects, a command with its output, DNS answers, deciding fields. */
export const EvidenceView = ({ evidence }: { evidence: CheckEvidence }) => (
  <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
    {evidence.objects && evidence.objects.length > 0 && (
      <Box>
        <Typography variant="subtitle2">Objects</Typography>
        <ul style={{ margin: 0 }}>
          {evidence.objects.map(ref => (
            <li key={objectText(ref)} style={monospaceStyle}>
              {objectText(ref)}
            </li>
          ))}
        </ul>
      </Box>
    )}
    {evidence.command && (
      <Box>
        <Typography variant="subtitle2">Command</Typography>
        <CommandBlock {...evidence.command} />
      </Box>
    )}
    {evidence.dns && evidence.dns.length > 0 && (
      <Box>
        <Typography variant="subtitle2">DNS answers</Typography>
        <StateTable
          label="DNS answers"
          rows={evidence.dns}
          rowKey={answer => `${answer.server}/${answer.hostname}`}
          columns={[
            { title: 'Server', render: answer => answer.server },
            { title: 'Hostname', render: answer => answer.hostname },
            {
              title: 'Answer',
              render: answer =>
                answer.error
                  ? `error: ${answer.error}`
                  : answer.addresses.join(', ') || 'no answer',
            },
          ]}
        />
      </Box>
    )}
    {evidence.fields && Object.keys(evidence.fields).length > 0 && (
      <Box>
        <Typography variant="subtitle2">Fields</Typography>
        <StateTable
          label="Fields"
          rows={Object.entries(evidence.fields)}
          rowKey={([field]) => field}
          columns={[
            {
              title: 'Field',
              render: ([field]) => <span style={monospaceStyle}>{field}</span>,
            },
            {
              title: 'Value',
              render: ([, value]) => (
                <span style={monospaceStyle}>{value}</span>
              ),
            },
          ]}
        />
      </Box>
    )}
  </Box>
);
