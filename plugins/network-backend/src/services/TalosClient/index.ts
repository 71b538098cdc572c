export { TalosClient } from './TalosClient';
export type {
  TalosClientOptions,
  TalosCallOptions,
  TalosHealthProgress,
} from './TalosClient';
export { createTalosClient } from './createTalosClient';
export { TalosClientError, TalosRetryableError } from './TalosClientError';
export type { TalosErrorKind, TalosErrorContext } from './TalosClientError';
export { resolveTalosCredentials } from './resolveTalosCredentials';
export type {
  TalosCredentials,
  TalosconfigField,
} from './resolveTalosCredentials';
export { APID_PORT, parseTalosEndpoint } from './talosEndpoint';
export type { TalosEndpoint } from './talosEndpoint';
export type * from './talosResults';
