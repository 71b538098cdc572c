import { ConcurrencyLimit } from '../../../ClusterCache/ConcurrencyLimit';
import { CheckContext, ExecResult } from '../../DiagnosticCheck';
import { AGENT_CONTAINER, agentExecCommandText, CiliumAgent } from './ciliumAgents';

/** A few agents at once: each exec holds a connection to the API server and the kubelet. */
export const AGENT_EXEC_CONCURRENCY = 4;
/** One `cilium-dbg` call; the check's own timeout (context.signal) still bounds the whole run. */
export const AGENT_EXEC_TIMEOUT_MS = 10_000;

/** What one agent answered, or why it did not. */
export interface AgentExec {
  agent: CiliumAgent;
  /** `kubectl exec …` as an operator would type it. */
  commandText: string;
  result?: ExecResult;
  error?: Error;
}

/** Runs `command` in the agent container of each agent, a few at a time; never throws per agent. */
export async function execInAgents(context: CheckContext, agents: CiliumAgent[], command: string[]): Promise<AgentExec[]> {
  const limit = new ConcurrencyLimit(AGENT_EXEC_CONCURRENCY);
  return Promise.all(
    agents.map(agent =>
      limit.run(async (): Promise<AgentExec> => {
        const commandText = agentExecCommandText(agent, command);
        if (context.signal.aborted) return { agent, commandText, error: new Error('not run: the check was stopped') };
        try {
          const result = await context.exec({ namespace: agent.namespace, pod: agent.pod, container: AGENT_CONTAINER }, command, {
            timeoutMs: AGENT_EXEC_TIMEOUT_MS,
            signal: context.signal,
          });
          return { agent, commandText, result };
        } catch (error) {
          return { agent, commandText, error: error instanceof Error ? error : new Error(String(error)) };
        }
      }),
    ),
  );
}

/**
 * When no agent could be asked at all and every agent is Ready, the fault is the exec itself
 * (RBAC, API server): the check cannot decide, so it throws the first error.
 */
export function throwIfNoAgentAnswered(execs: AgentExec[]): void {
  if (execs.length === 0 || execs.some(exec => exec.result)) return;
  if (execs.some(exec => !exec.agent.readiness.ready)) return;
  throw execs[0].error ?? new Error('no agent answered');
}
