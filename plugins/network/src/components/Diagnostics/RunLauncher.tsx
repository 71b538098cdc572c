import { useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Box,
  Button,
  Checkbox,
  FormControl,
  FormControlLabel,
  InputLabel,
  MenuItem,
  Select,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  CHECK_CATEGORIES,
  CheckCategory,
  CheckDescriptor,
  DiagnosticRun,
  DiagnosticSelection,
  networkDiagnosticsRunPermission,
} from '@internal/plugin-network-common';
import { networkApiRef } from '../../api';
import { backendMessage } from '../NetworkErrorPanel';
import { RequirePermission } from '../RequirePermission';
import { InlineRow } from '../Layout';

/**
 * Starts a diagnostics run on a cluster: all checks, one category, or the checks ticked in
 * the list. Shown only with network.diagnostics.run.
 */
export const RunLauncher = (props: {
  cluster: string;
  checks: CheckDescriptor[];
  onStarted: (run: DiagnosticRun) => void;
}) => {
  const { cluster, checks, onStarted } = props;
  const networkApi = useApi(networkApiRef);
  const categories = CHECK_CATEGORIES.filter(c =>
    checks.some(check => check.category === c),
  );
  const [category, setCategory] = useState<CheckCategory | ''>('');
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [showList, setShowList] = useState(false);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string>();

  const start = async (selection: DiagnosticSelection) => {
    setStarting(true);
    setError(undefined);
    try {
      onStarted(await networkApi.startDiagnosticRun(cluster, selection));
    } catch (failure) {
      const status = (failure as { statusCode?: number }).statusCode;
      setError(
        status === 403
          ? 'The backend refused: the permission network.diagnostics.run is missing.'
          : `Could not start the run: ${backendMessage(failure as Error)}`,
      );
    } finally {
      setStarting(false);
    }
  };

  const togglePicked = (id: string) =>
    setPicked(current => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <RequirePermission
      permission={networkDiagnosticsRunPermission}
      purpose="run diagnostics"
    >
      <InlineRow>
        <Button
          variant="contained"
          color="primary"
          disabled={starting}
          onClick={() => start({ kind: 'all' })}
        >
          Run all checks
        </Button>
        <FormControl variant="outlined" size="small" style={{ minWidth: 180 }}>
          <InputLabel id="diagnostics-category-label">Category</InputLabel>
          <Select
            labelId="diagnostics-category-label"
            label="Category"
            value={category}
            onChange={event => setCategory(event.target.value as CheckCategory)}
          >
            {categories.map(c => (
              <MenuItem key={c} value={c}>
                {c}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        <Button
          variant="outlined"
          disabled={starting || !category}
          onClick={() => category && start({ kind: 'category', category })}
        >
          Run category
        </Button>
        <Button
          variant="text"
          aria-expanded={showList}
          onClick={() => setShowList(shown => !shown)}
        >
          {showList ? 'Hide check list' : 'Choose checks…'}
        </Button>
      </InlineRow>
      {showList && (
        <Box mt={1}>
          {categories.map(c => (
            <Box key={c} mt={1}>
              <Typography variant="subtitle2">{c}</Typography>
              {checks
                .filter(check => check.category === c)
                .map(check => (
                  <Box key={check.id}>
                    <FormControlLabel
                      control={
                        <Checkbox
                          size="small"
                          checked={picked.has(check.id)}
                          onChange={() => togglePicked(check.id)}
                        />
                      }
                      label={`${check.title} (${check.id})`}
                    />
                    <Typography
                      variant="caption"
                      color="textSecondary"
                      display="block"
                      style={{ marginLeft: 32, marginTop: -8 }}
                    >
                      {check.description}
                      {check.manualCommand
                        ? ` By hand: ${check.manualCommand}`
                        : ''}
                    </Typography>
                  </Box>
                ))}
            </Box>
          ))}
          <Box mt={1}>
            <Button
              variant="outlined"
              disabled={starting || picked.size === 0}
              onClick={() => start({ kind: 'checks', checkIds: [...picked] })}
            >
              Run selected ({picked.size})
            </Button>
          </Box>
        </Box>
      )}
      {error && (
        <Box mt={1}>
          <Alert severity="error">{error}</Alert>
        </Box>
      )}
    </RequirePermission>
  );
};
