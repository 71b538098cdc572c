import { BootstrapKubernetes } from '../BootstrapKubernetes';
import { StepContext, StepOutcome } from './StepOutcome';

/**
 * Waits until the API server answers `/version` (JSON, unlike `/readyz`), polling until the
 * timeout; right after an etcd bootstrap it takes a few minutes on real machines.
 */
export async function waitKubernetesApiStep(
  context: StepContext,
  client: BootstrapKubernetes,
  timing: { apiTimeoutMs: number; apiPollMs: number },
): Promise<StepOutcome> {
  const started = Date.now();
  let lastError = '';
  let reported = false;
  for (;;) {
    try {
      const version = await client.getJson('/version');
      const name = version.gitVersion ? `Kubernetes ${version.gitVersion}` : 'Kubernetes';
      return { status: 'succeeded', message: `${name} answered after ${Date.now() - started} ms` };
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() - started + timing.apiPollMs > timing.apiTimeoutMs) {
      return { status: 'failed', message: `the Kubernetes API did not answer within ${timing.apiTimeoutMs} ms (last error: ${lastError})` };
    }
    if (!reported) {
      await context.log(`waiting for the Kubernetes API (${lastError})`);
      reported = true;
    }
    await new Promise(resolve => setTimeout(resolve, timing.apiPollMs));
  }
}
