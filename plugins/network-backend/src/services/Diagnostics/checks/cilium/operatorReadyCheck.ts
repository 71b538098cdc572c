import { CheckFinding } from '@internal/plugin-network-common';
import { DiagnosticCheck } from '../../DiagnosticCheck';
import { ciliumNotInstalledReason } from './ciliumAgents';
import { podReadiness } from './podReadiness';

const OPERATOR_LABEL = 'io.cilium/app=operator';

/** `cilium.operator-ready`: the cilium-operator Deployment has its replicas Ready. */
export const operatorReadyCheck: DiagnosticCheck = {
  id: 'cilium.operator-ready',
  title: 'Cilium operator ready',
  category: 'cilium',
  scopes: ['cluster'],
  description:
    'The Cilium operator (Deployment cilium-operator) assigns LoadBalancer IPs from the pools (LB-IPAM), manages CiliumNodes and runs the Gateway API controller: without a Ready replica, new services get no address.',
  manualCommand: 'kubectl get deployment,pods -n kube-system -l io.cilium/app=operator -o wide',
  remediation:
    'Describe the operator pods (`kubectl -n kube-system describe pod -l io.cilium/app=operator`) and read their logs; an operator with two replicas needs two nodes it may run on (it uses host networking and anti-affinity).',
  async run(context) {
    const skippedBecause = ciliumNotInstalledReason(context.cache);
    if (skippedBecause) return { findings: [], summary: skippedBecause, skippedBecause };

    const deployments = context.cache.byIndex('Deployment', 'label', OPERATOR_LABEL);
    const deployment = deployments[0] ?? context.cache.get('Deployment', 'kube-system', 'cilium-operator');
    if (!deployment) {
      return {
        findings: [
          {
            outcome: 'fail',
            subject: 'Deployment cilium-operator',
            message: `No cilium-operator Deployment (label ${OPERATOR_LABEL}): LoadBalancer IPs are not assigned without it`,
          },
        ],
        summary: 'cilium-operator not found',
      };
    }
    const deploymentRef = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: deployment.metadata.namespace, name: deployment.metadata.name };
    const wanted = Number(deployment.spec?.replicas ?? 1);
    const ready = Number(deployment.status?.readyReplicas ?? 0);

    const findings: CheckFinding[] = [];
    const pods = context.cache.byIndex('Pod', 'label', OPERATOR_LABEL).filter(pod => pod.metadata.namespace === deployment.metadata.namespace);
    for (const pod of pods) {
      const readiness = podReadiness(pod);
      const ref = { apiVersion: 'v1', kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name };
      const node = pod.spec?.nodeName ?? 'no node';
      const details = readiness.containerDetails.length > 0 ? `; ${readiness.containerDetails.join('; ')}` : '';
      findings.push({
        outcome: readiness.ready ? 'pass' : 'warn',
        subject: `Pod ${ref.namespace}/${ref.name}`,
        message: readiness.ready
          ? `Operator replica on node ${node} is Ready`
          : `Operator replica on node ${node} is not Ready: Ready=${readiness.readyCondition}${details}`,
        object: ref,
        evidence: { objects: [ref, deploymentRef], fields: { 'status.conditions[Ready]': readiness.readyCondition } },
      });
    }
    if (wanted > 0 && ready < wanted) {
      findings.push({
        outcome: ready === 0 ? 'fail' : 'warn',
        subject: `Deployment ${deploymentRef.namespace}/${deploymentRef.name}`,
        message: `${ready} of ${wanted} operator replicas Ready${ready === 0 ? ': no operator is running, LoadBalancer IPs are not assigned' : ''}`,
        object: deploymentRef,
      });
    }
    return {
      findings,
      summary: `${ready} of ${wanted} operator replicas Ready`,
      evidence: {
        objects: [deploymentRef],
        fields: { 'spec.replicas': String(wanted), 'status.readyReplicas': String(ready), 'status.availableReplicas': String(deployment.status?.availableReplicas ?? 0) },
      },
    };
  },
};
