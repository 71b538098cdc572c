import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import type { CertificateSummary } from '@internal/plugin-network-common';
import { StateLabel } from '../../StateLabel';
import { certificateState, CERTIFICATE_EXPIRING_DAYS } from '../objectStates';
import { CertificateTimeline } from './CertificateTimeline';
import { SectionCard } from './SectionCard';

/** cert-manager Certificates on an expiry timeline, soonest first; expiring ones flagged. */
export const CertificatesSection = (props: {
  certificates: CertificateSummary[];
  absent: boolean;
}) => {
  const { certificates, absent } = props;
  const sorted = [...certificates].sort(
    (a, b) =>
      (a.daysLeft ?? Number.MAX_SAFE_INTEGER) -
      (b.daysLeft ?? Number.MAX_SAFE_INTEGER),
  );
  let body;
  if (absent) {
    body = (
      <Typography>
        cert-manager is not installed (no cert-manager.io/Certificate kind);
        certificates are not tracked.
      </Typography>
    );
  } else if (sorted.length === 0) {
    body = <Typography>No Certificate objects in this cluster.</Typography>;
  } else {
    body = (
      <Table size="small" aria-label="Certificates">
        <TableHead>
          <TableRow>
            <TableCell>Certificate</TableCell>
            <TableCell>State</TableCell>
            <TableCell>
              Expiry (0–90 days, dashed line: renewal at{' '}
              {CERTIFICATE_EXPIRING_DAYS})
            </TableCell>
            <TableCell>DNS names</TableCell>
            <TableCell>Issuer</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {sorted.map(certificate => {
            const state = certificateState(certificate);
            return (
              <TableRow key={`${certificate.namespace}/${certificate.name}`}>
                <TableCell>
                  {certificate.namespace}/{certificate.name}
                </TableCell>
                <TableCell>
                  <StateLabel state={state.state}>{state.reason}</StateLabel>
                  {state.state !== 'ok' && certificate.readyMessage && (
                    <Typography
                      variant="caption"
                      display="block"
                      color="textSecondary"
                    >
                      {certificate.readyMessage}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  <CertificateTimeline
                    daysLeft={certificate.daysLeft}
                    notAfter={certificate.notAfter}
                    state={state.state}
                    renewalMarkDays={CERTIFICATE_EXPIRING_DAYS}
                  />
                </TableCell>
                <TableCell>{certificate.dnsNames.join(', ')}</TableCell>
                <TableCell>{certificate.issuer}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    );
  }
  return (
    <SectionCard
      id="certificates"
      title="Certificates"
      subtitle="cert-manager certificates, soonest expiry first"
    >
      {body}
    </SectionCard>
  );
};
