import { useState } from 'react';
import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Box, Button, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { networkDiagnosticsRunPermission } from '@internal/plugin-network-common';
import { networkApiRef } from '../../api';
import { DiagnosticRunView } from '../Diagnostics';
import { backendMessage } from '../NetworkErrorPanel';
import { RequirePermission } from '../RequirePermission';
import { InlineRow } from '../Layout';

/**
 * The entity tab's Diagnose button: runs the checks that apply to this entity on the
 * cluster its path is in, and shows the run live below it.
 */
export const EntityDiagnose = (props: {
  cluster: string;
  entityRef: string;
}) => {
  const { cluster, entityRef } = props;
  const networkApi = useApi(networkApiRef);
  const [runId, setRunId] = useState<string>();
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string>();

  const diagnose = async () => {
    setStarting(true);
    setError(undefined);
    try {
      const run = await networkApi.startDiagnosticRun(cluster, {
        kind: 'entity',
        entityRef,
      });
      setRunId(run.id);
    } catch (failure) {
      setError(backendMessage(failure as Error));
    } finally {
      setStarting(false);
    }
  };

  return (
    <InfoCard title="Diagnostics">
      <RequirePermission
        permission={networkDiagnosticsRunPermission}
        purpose="run diagnostics"
      >
        <InlineRow>
          <Button
            variant="contained"
            color="primary"
            disabled={starting}
            onClick={diagnose}
          >
            Diagnose
          </Button>
          <Typography variant="body2" color="textSecondary">
            Runs the checks that apply to this entity (its routes, certificate,
            DNS names, endpoints and policies) on cluster {cluster}.
          </Typography>
        </InlineRow>
        {error && (
          <Box mt={1}>
            <Alert severity="error">Could not start diagnostics: {error}</Alert>
          </Box>
        )}
        {runId && (
          <Box mt={2}>
            <DiagnosticRunView key={runId} runId={runId} />
          </Box>
        )}
      </RequirePermission>
    </InfoCard>
  );
};
