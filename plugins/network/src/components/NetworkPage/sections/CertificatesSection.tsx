import { Typography } from '@material-ui/core';
import type { CertificateSummary } from '@internal/plugin-network-common';
import { StateLabel } from '../../StateLabel';
import { StateTable } from '../../StateTable';
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
      <StateTable
        label="Certificates"
        rows={sorted}
        rowKey={certificate => `${certificate.namespace}/${certificate.name}`}
        columns={[
          {
            title: 'Certificate',
            render: certificate =>
              `${certificate.namespace}/${certificate.name}`,
          },
          {
            title: 'State',
            render: certificate => {
              const state = certificateState(certificate);
              return (
                <>
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
                </>
              );
            },
          },
          {
            title: (
              <>
                Expiry (0–90 days, dashed line: renewal at{' '}
                {CERTIFICATE_EXPIRING_DAYS})
              </>
            ),
            render: certificate => (
              <CertificateTimeline
                daysLeft={certificate.daysLeft}
                notAfter={certificate.notAfter}
                state={certificateState(certificate).state}
                renewalMarkDays={CERTIFICATE_EXPIRING_DAYS}
              />
            ),
          },
          {
            title: 'DNS names',
            render: certificate => certificate.dnsNames.join(', '),
          },
          { title: 'Issuer', render: certificate => certificate.issuer },
        ]}
      />
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
