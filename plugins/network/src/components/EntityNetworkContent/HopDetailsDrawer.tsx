import {
  Box,
  Drawer,
  IconButton,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
} from '@material-ui/core';
import CloseIcon from '@material-ui/icons/Close';
import { Alert } from '@material-ui/lab';
import type { Hop } from '@internal/plugin-network-common';
import { StateLabel } from '../StateLabel';
import { HOP_KIND_TEXT } from './hopKindText';

function objectName(object: Hop['evidence']['objects'][number]): string {
  const name = object.namespace
    ? `${object.namespace}/${object.name}`
    : object.name;
  return `${object.kind} ${name}${
    object.apiVersion ? ` (${object.apiVersion})` : ''
  }`;
}

/** The evidence behind one hop's state: reason, fix hint, the objects read and the fields seen. */
export const HopDetailsDrawer = (props: { hop?: Hop; onClose: () => void }) => {
  const { hop, onClose } = props;
  return (
    <Drawer anchor="right" open={Boolean(hop)} onClose={onClose}>
      {hop && (
        <Box
          p={3}
          width={480}
          maxWidth="100vw"
          role="region"
          aria-label={`Details of ${hop.title}`}
        >
          <Box
            display="flex"
            alignItems="flex-start"
            justifyContent="space-between"
          >
            <Box>
              <Typography variant="overline">
                {HOP_KIND_TEXT[hop.kind]}
              </Typography>
              <Typography variant="h5" component="h2">
                {hop.title}
              </Typography>
            </Box>
            <IconButton aria-label="Close details" onClick={onClose}>
              <CloseIcon />
            </IconButton>
          </Box>
          <Box my={1}>
            <StateLabel state={hop.state}>{hop.reason}</StateLabel>
          </Box>
          {hop.message && <Typography paragraph>{hop.message}</Typography>}
          {hop.fixHint && (
            <Box mb={2}>
              <Alert severity={hop.state === 'failing' ? 'error' : 'info'}>
                <strong>Fix: </strong>
                {hop.fixHint}
              </Alert>
            </Box>
          )}
          <Typography variant="subtitle2">Objects read</Typography>
          {hop.evidence.objects.length === 0 ? (
            <Typography variant="body2">None.</Typography>
          ) : (
            <ul>
              {hop.evidence.objects.map(object => (
                <li key={objectName(object)}>
                  <code>{objectName(object)}</code>
                </li>
              ))}
            </ul>
          )}
          <Typography variant="subtitle2">Fields seen</Typography>
          {Object.keys(hop.evidence.fields).length === 0 ? (
            <Typography variant="body2">None.</Typography>
          ) : (
            <Table size="small" aria-label="Evidence fields">
              <TableBody>
                {Object.entries(hop.evidence.fields).map(([field, value]) => (
                  <TableRow key={field}>
                    <TableCell>
                      <code>{field}</code>
                    </TableCell>
                    <TableCell>
                      {value === null ? 'null' : String(value)}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </Box>
      )}
    </Drawer>
  );
};
