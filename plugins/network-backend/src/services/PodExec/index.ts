export { createPodExec, PodExecTimeoutError } from './createPodExec';
export type { PodExecOptions } from './createPodExec';
