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

/** Options of {@link execInAgents}. */
export interface AgentExecOptions {
  /** Epoch ms after which no further exec starts; the agents left are returned as not asked. */
  startBy?: number;
}

/**
 * Runs `command` in the agent container of each agent, a few at a time, in the order given,
 * and hands each answer to `digest` as it arrives (so large outputs need not all be held at
 * once). Never throws per agent.
 */
export async function forEachAgentExec(
  context: CheckContext,
  agents: CiliumAgent[],
  command: string[],
  digest: (exec: AgentExec) => void,
  options: AgentExecOptions = {},
): Promise<{ notAsked: CiliumAgent[] }> {
  const limit = new ConcurrencyLimit(AGENT_EXEC_CONCURRENCY);
  const notAsked: CiliumAgent[] = [];
  await Promise.all(
    agents.map(agent =>
      limit.run(async () => {
        if (context.signal.aborted || (options.startBy !== undefined && Date.now() > options.startBy)) {
          notAsked.push(agent);
          return;
        }
        const commandText = agentExecCommandText(agent, command);
        try {
          const result = await context.exec({ namespace: agent.namespace, pod: agent.pod, container: AGENT_CONTAINER }, command, {
            timeoutMs: AGENT_EXEC_TIMEOUT_MS,
            signal: context.signal,
          });
          digest({ agent, commandText, result });
        } catch (error) {
          digest({ agent, commandText, error: error instanceof Error ? error : new Error(String(error)) });
        }
      }),
    ),
  );
  return { notAsked };
}

/** Runs `command` in each agent and returns every answer, in the order of `agents`. */
export async function execInAgents(context: CheckContext, agents: CiliumAgent[], command: string[]): Promise<AgentExec[]> {
  const byPod = new Map<string, AgentExec>();
  await forEachAgentExec(context, agents, command, exec => byPod.set(`${exec.agent.namespace}/${exec.agent.pod}`, exec));
  return agents
    .map(agent => byPod.get(`${agent.namespace}/${agent.pod}`))
    .filter((exec): exec is AgentExec => exec !== undefined);
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
