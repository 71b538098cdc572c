import { DiagnosticCheck } from '../../DiagnosticCheck';
import { talosEtcdMembersCheck } from './talosEtcdMembersCheck';
import {
  createTalosHealthCheckCheck,
  talosHealthCheckCheck,
} from './talosHealthCheckCheck';
import { talosServicesCheck } from './talosServicesCheck';
import { talosVersionCheck } from './talosVersionCheck';

/** The Talos checks: node versions, services, etcd membership and the staged health check. */
export const talosChecks: DiagnosticCheck[] = [
  talosVersionCheck,
  talosServicesCheck,
  talosEtcdMembersCheck,
  talosHealthCheckCheck,
];

export {
  talosVersionCheck,
  talosServicesCheck,
  talosEtcdMembersCheck,
  talosHealthCheckCheck,
  createTalosHealthCheckCheck,
};
export { createTalosClient } from '../../../TalosClient/createTalosClient';
