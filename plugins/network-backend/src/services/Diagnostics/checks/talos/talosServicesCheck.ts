import { CheckFinding } from '@internal/plugin-network-common';
import { TalosService } from '../../../TalosClient/talosResults';
import { DiagnosticCheck } from '../../DiagnosticCheck';
import { talosAccessSkip } from './talosAccessSkip';
import { talosErrorFinding } from './talosErrorFinding';
import { nodeLabel, talosTargetNodes } from './talosTargetNodes';

/** The health column: `unknown` for services without a health check. */
function healthOf(service: TalosService): 'unknown' | 'healthy' | 'unhealthy' {
  if (service.healthUnknown) return 'unknown';
  return service.healthy ? 'healthy' : 'unhealthy';
}

/** What is wrong with a service, or undefined when it runs and (if it has a health check) is healthy. */
function serviceProblem(service: TalosService): string | undefined {
  const health = service.lastMessage ? `: ${service.lastMessage}` : '';
  if (service.state !== 'Running') {
    const verdict = service.healthUnknown ? '' : ` (${healthOf(service)})`;
    return `${service.state}${verdict}${health}`;
  }
  if (healthOf(service) === 'unhealthy') {
    return `Running but its health check fails${health}`;
  }
  return undefined;
}

/** `talosctl services`-like table of one node (health as talosctl prints it: ?, OK, Fail). */
function servicesTable(node: string, services: TalosService[]): string {
  const column = { unknown: '?', healthy: 'OK', unhealthy: 'Fail' };
  return services
    .map(
      service =>
        `${node}\t${service.id}\t${service.state}\t${
          column[healthOf(service)]
        }\t${service.lastMessage}`,
    )
    .join('\n');
}

/**
 * Every Talos system service of every node runs, and those with a health check pass it
 * (ServiceList). A stopped kubelet or etcd, or one failing its health check, is the first
 * thing to look at when a node misbehaves.
 */
export const talosServicesCheck: DiagnosticCheck = {
  id: 'talos.services',
  title: 'Talos services run and are healthy',
  category: 'talos',
  scopes: ['cluster'],
  description:
    'Calls the Talos API ServiceList on every node; a service that is not Running, or Running with a failing health check, fails. etcd waiting in "Preparing" means the cluster is not bootstrapped yet.',
  manualCommand: 'talosctl -n <node> services',
  remediation:
    'Look at the service\'s log and events (talosctl -n <node> logs <service>; talosctl -n <node> service <service>). etcd "Preparing"/"Running pre state" on every control plane: bootstrap etcd once (talosctl bootstrap -n <first control plane>, or the portal\'s Bootstrap). Restart a stuck service with talosctl -n <node> service <service> restart.',
  async run(context) {
    const skipped = talosAccessSkip(context);
    if (skipped) return skipped;
    const nodes = talosTargetNodes(context);
    const results = await context.talos!.serviceList(
      nodes.map(node => node.address),
      { signal: context.signal },
    );

    const findings: CheckFinding[] = [];
    const table = ['NODE\tSERVICE\tSTATE\tHEALTH\tLAST HEALTH MESSAGE'];
    let problems = 0;
    let nodesWithProblems = 0;
    results.forEach((result, index) => {
      const node = nodes[index] ?? { name: result.node, address: result.node };
      const subject = `node ${nodeLabel(node)}`;
      if (!result.ok) {
        findings.push(
          talosErrorFinding(
            subject,
            result.error,
            `talosctl -n ${node.address} services`,
          ),
        );
        nodesWithProblems++;
        return;
      }
      table.push(servicesTable(node.address, result.value));
      const broken = result.value.flatMap(service => {
        const problem = serviceProblem(service);
        return problem ? [{ service, problem }] : [];
      });
      for (const { service, problem } of broken) {
        findings.push({
          outcome: 'fail',
          subject: `${subject} service ${service.id}`,
          message: problem,
          evidence: {
            fields: {
              state: service.state,
              health: healthOf(service),
              lastMessage: service.lastMessage,
              ...(service.lastChange ? { lastChange: service.lastChange } : {}),
            },
          },
        });
      }
      problems += broken.length;
      if (broken.length > 0) {
        nodesWithProblems++;
      } else {
        findings.push({
          outcome: 'pass',
          subject,
          message: `${result.value.length} services running, none failing a health check`,
        });
      }
    });

    const summary =
      nodesWithProblems === 0
        ? `${results.length} nodes, every service running and healthy`
        : `${problems} service(s) not running or unhealthy; ${nodesWithProblems} of ${results.length} nodes with problems`;
    return {
      findings,
      summary,
      evidence: {
        command: {
          text: `talosctl -n ${nodes
            .map(node => node.address)
            .join(',')} services`,
          output: table.join('\n'),
        },
      },
    };
  },
};
