import { Config } from '@backstage/config';
import { DEFAULT_DIAGNOSTICS_SETTINGS, DiagnosticsSettings } from './DiagnosticsRunner';
import { DiagnosticsScheduleSettings } from './DiagnosticsSchedule';
import { NotificationRecipientsConfig } from './OutcomeChangeNotifier';

/** Everything `network.diagnostics` configures, with the defaults filled in. */
export interface DiagnosticsConfig {
  runner: DiagnosticsSettings;
  schedule: DiagnosticsScheduleSettings;
  notify: NotificationRecipientsConfig;
}

/** Reads `network.diagnostics`; out-of-range numbers stop the backend with the key named. */
export function readDiagnosticsConfig(config: Config): DiagnosticsConfig {
  const number = (key: string, fallback: number, min: number, max: number) => {
    const value = config.getOptionalNumber(`network.diagnostics.${key}`) ?? fallback;
    if (!Number.isFinite(value) || value < min || value > max) {
      throw new Error(`network.diagnostics.${key}: ${value} is outside ${min}..${max}`);
    }
    return value;
  };
  const notify = config.getOptionalStringArray('network.diagnostics.notify');
  return {
    runner: {
      ...DEFAULT_DIAGNOSTICS_SETTINGS,
      concurrency: number('concurrency', DEFAULT_DIAGNOSTICS_SETTINGS.concurrency, 1, 64),
      checkTimeoutMs: number('checkTimeoutSeconds', DEFAULT_DIAGNOSTICS_SETTINGS.checkTimeoutMs / 1000, 1, 3600) * 1000,
      certificateExpiryWarningDays: number('certificateExpiryWarningDays', DEFAULT_DIAGNOSTICS_SETTINGS.certificateExpiryWarningDays, 0, 365),
    },
    schedule: {
      frequencyMinutes: number('schedule.frequencyMinutes', 30, 0, 10_080),
      retentionDays: number('retentionDays', 30, 1, 3650),
      // Above the runners' 5 s heartbeat with margin, so a live run is never taken for dead.
      staleAfterMs: number('staleAfterSeconds', 60, 15, 3600) * 1000,
    },
    notify: notify && notify.length > 0 ? { type: 'entity', entityRef: notify } : { type: 'broadcast' },
  };
}
