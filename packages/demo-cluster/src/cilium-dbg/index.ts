/**
 * Answers execs of the Cilium agent CLI (`cilium-dbg`, and the older `cilium` spelling) in the
 * cilium agent pods: status, service list, bpf lb list, statedb l2-announce and version, each
 * computed from the store at call time, in the agent's own view (its node, its leases).
 * Unknown subcommands fail like the real CLI (cobra's message on stderr, exit code 1).
 */
import type { ExecHandler, ExecRequest, ExecResult, ObjectStore } from '../store/types.ts';
import { KEYS } from '../topology/resource-keys.ts';
import { DEMO_CILIUM_VERSION } from '../topology/demo-constants.ts';
import { agentView, isCiliumAgentPod, type AgentView } from './agent-view.ts';
import { renderBpfLbList } from './bpf-lb-output.ts';
import { l2Announcements, renderL2Announce } from './l2-announce-output.ts';
import { buildServiceTable } from './service-table.ts';
import { renderServiceList, serviceListJson } from './service-list-output.ts';
import { renderStatus, statusResponse } from './status-report.ts';

export { statusResponse } from './status-report.ts';
export { buildServiceTable, type ServiceEntry } from './service-table.ts';
export { l2Announcements } from './l2-announce-output.ts';

const AGENT_CONTAINER = 'cilium-agent';

interface ParsedArgs {
  words: string[];
  output?: string;
  verbose: boolean;
  brief: boolean;
  help: boolean;
  unknownFlag?: string;
}

const ok = (stdout: string): ExecResult => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string, exitCode = 1): ExecResult => ({ stdout: '', stderr, exitCode });

function parseArgs(args: readonly string[]): ParsedArgs {
  const parsed: ParsedArgs = { words: [], verbose: false, brief: false, help: false };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === '-o' || arg === '--output') parsed.output = args[++index] ?? '';
    else if (arg.startsWith('-o=') || arg.startsWith('--output=')) parsed.output = arg.slice(arg.indexOf('=') + 1);
    else if (arg.startsWith('-o') && arg.length > 2 && !arg.startsWith('--')) parsed.output = arg.slice(2);
    else if (arg === '--verbose') parsed.verbose = true;
    else if (arg === '--brief') parsed.brief = true;
    else if (arg === '-h' || arg === '--help') parsed.help = true;
    else if (arg === '--all-controllers' || arg === '--all-nodes' || arg === '--all-addresses' || arg === '--all-health' || arg === '--all-redirects' || arg === '--all-clusters') parsed.verbose = true;
    else if (arg.startsWith('-')) parsed.unknownFlag ??= arg;
    else parsed.words.push(arg);
  }
  return parsed;
}

function usage(binary: string, path: string, subcommands: [string, string][]): string {
  const lines = [`Usage:`, `  ${binary} ${path ? `${path} ` : ''}[command]`, '', 'Available Commands:'];
  const width = Math.max(...subcommands.map(([name]) => name.length)) + 2;
  for (const [name, description] of subcommands) lines.push(`  ${name.padEnd(width)}${description}`);
  lines.push('', 'Flags:', '  -h, --help   help for this command', '', `Use "${binary} ${path ? `${path} ` : ''}[command] --help" for more information about a command.`);
  return `${lines.join('\n')}\n`;
}

const ROOT_COMMANDS: [string, string][] = [
  ['bpf', 'Direct access to local BPF maps'],
  ['service', 'Manage services & loadbalancers'],
  ['statedb', 'Inspect StateDB'],
  ['status', 'Display status of daemon'],
  ['version', 'Print version information'],
];

function unknownCommand(binary: string, word: string, path: string): ExecResult {
  const full = path ? `${binary} ${path}` : binary;
  return fail(`Error: unknown command "${word}" for "${full}"\nRun '${full} --help' for usage.\n`);
}

function checkOutput(binary: string, output: string | undefined): ExecResult | undefined {
  if (output === undefined || output === 'json') return undefined;
  return fail(`Error: Unable to parse output format "${output}" (supported: json)\nRun '${binary} --help' for usage.\n`);
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** Runs one CLI invocation against the agent's view. */
export function runCiliumDbg(binary: string, args: readonly string[], agent: AgentView, now: Date = new Date()): ExecResult {
  const parsed = parseArgs(args);
  const [first, second, third, ...rest] = parsed.words;
  if (parsed.unknownFlag) return fail(`Error: unknown flag: ${parsed.unknownFlag}\nRun '${binary} --help' for usage.\n`);
  if (first === undefined) return ok(`CLI for interacting with the local Cilium Agent\n\n${usage(binary, '', ROOT_COMMANDS)}`);
  const badOutput = checkOutput(binary, parsed.output);

  switch (first) {
    case 'status': {
      if (second !== undefined) return unknownCommand(binary, second, 'status');
      if (parsed.help) return ok(`Display status of daemon\n\nUsage:\n  ${binary} status [flags]\n`);
      if (badOutput) return badOutput;
      if (parsed.output === 'json') return ok(json(statusResponse(agent, now)));
      if (parsed.brief) return agent.ready ? ok('OK\n') : fail(`cilium: ${(statusResponse(agent, now).cilium as { msg: string }).msg}\n`);
      return ok(renderStatus(agent, parsed.verbose, now));
    }
    case 'service': {
      if (second === undefined || parsed.help) return ok(usage(binary, 'service', [['get', 'Display service information'], ['list', 'List services']]));
      if (second !== 'list') return unknownCommand(binary, second, 'service');
      if (third !== undefined) return fail(`Error: unknown command "${third}" for "${binary} service list"\n`);
      if (badOutput) return badOutput;
      const table = buildServiceTable(agent);
      return ok(parsed.output === 'json' ? json(serviceListJson(table)) : renderServiceList(table));
    }
    case 'bpf': {
      if (second === undefined || parsed.help) return ok(usage(binary, 'bpf', [['lb', 'Load-balancing configuration']]));
      if (second !== 'lb') return unknownCommand(binary, second, 'bpf');
      if (third === undefined) return ok(usage(binary, 'bpf lb', [['list', 'List load-balancing configuration']]));
      if (third !== 'list' || rest.length > 0) return unknownCommand(binary, rest[0] ?? third, 'bpf lb');
      if (badOutput) return badOutput;
      const table = buildServiceTable(agent);
      if (parsed.output === 'json') {
        const map: Record<string, string[]> = {};
        for (const line of renderBpfLbList(table).split('\n').slice(1)) {
          const match = /^(\S+ \(\d+\))\s+(.*)$/.exec(line);
          if (match) map[match[1]!] = [match[2]!];
        }
        return ok(json(map));
      }
      return ok(renderBpfLbList(table));
    }
    case 'statedb': {
      if (second === undefined || parsed.help) return ok(usage(binary, 'statedb', [['l2-announce', 'Show contents of table "l2-announce"']]));
      if (second !== 'l2-announce') return unknownCommand(binary, second, 'statedb');
      if (badOutput) return badOutput;
      if (parsed.output === 'json') {
        return ok(json(l2Announcements(agent).map((entry) => ({ IP: entry.ip, NetworkInterface: entry.networkInterface, Origins: [entry.origin] }))));
      }
      return ok(renderL2Announce(agent));
    }
    case 'version':
      return ok(`Client: ${DEMO_CILIUM_VERSION} 1a2b3c4d 2025-11-04T10:00:00+00:00 go version go1.24.9 linux/amd64\nDaemon: ${DEMO_CILIUM_VERSION} 1a2b3c4d 2025-11-04T10:00:00+00:00 go version go1.24.9 linux/amd64\n`);
    default:
      return unknownCommand(binary, first, '');
  }
}

/** The ExecHandler for pods/exec: answers cilium CLI commands in Cilium agent pods, nothing else. */
export const ciliumDbgExecHandler: ExecHandler = (request: ExecRequest, store: ObjectStore) => {
  const pod = store.get(KEYS.pod, request.namespace, request.pod);
  if (!isCiliumAgentPod(pod)) return undefined;
  if (request.container && request.container !== AGENT_CONTAINER) return undefined;
  const [command, ...args] = request.command;
  const binary = (command ?? '').split('/').pop() ?? '';
  if (binary !== 'cilium-dbg' && binary !== 'cilium') return undefined;
  return runCiliumDbg(binary, args, agentView(store, pod));
};
