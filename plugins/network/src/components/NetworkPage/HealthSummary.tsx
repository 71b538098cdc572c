import {
  Box,
  Card,
  CardActionArea,
  CardContent,
  Grid,
  Typography,
} from '@material-ui/core';
import { useTheme } from '@material-ui/core/styles';
import type { BackstageTheme } from '@backstage/theme';
import { StateLabel, stateColor } from '../StateLabel';
import type { HealthTile } from './healthSummary';

/** The counts at the top of the Network page; each tile links to its section below. */
export const HealthSummary = ({ tiles }: { tiles: HealthTile[] }) => {
  const theme = useTheme<BackstageTheme>();
  return (
    <Grid container spacing={2} component="nav" aria-label="Health summary">
      {tiles.map(tile => (
        <Grid item xs={12} sm={6} md={4} lg={2} key={tile.section}>
          <Card
            style={{
              borderTop: `4px solid ${stateColor(theme, tile.state)}`,
              height: '100%',
            }}
          >
            <CardActionArea
              href={`#${tile.section}`}
              aria-label={`${tile.label}: ${tile.good} of ${tile.total}`}
              style={{ height: '100%' }}
            >
              <CardContent>
                <Typography variant="body2" color="textSecondary">
                  {tile.label}
                </Typography>
                <Typography variant="h4" component="p">
                  {tile.good} / {tile.total}
                </Typography>
                <Box>
                  <StateLabel state={tile.state}>{tile.detail}</StateLabel>
                </Box>
              </CardContent>
            </CardActionArea>
          </Card>
        </Grid>
      ))}
    </Grid>
  );
};
