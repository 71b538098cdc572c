import { LoggerService } from '@backstage/backend-plugin-api';

/** A logger that drops everything: for test helpers outside test files (no jest mocks there). */
export function silentLogger(): LoggerService {
  const logger: LoggerService = {
    error: () => {},
    warn: () => {},
    info: () => {},
    debug: () => {},
    child: () => logger,
  };
  return logger;
}
