import { CheckFinding } from '@internal/plugin-network-common';
import { KubernetesApiError, KubernetesClient } from '../../../KubernetesClient/KubernetesClient';
import { podReady } from '../../../RequestPathResolver/backendHops';
import { refOf } from '../../../RequestPathResolver/objectRefs';
import { CheckContext, DiagnosticCheck } from '../../DiagnosticCheck';
import { objectFinding } from '../../scopedObjects';

const NAMESPACE = 'kube-system';
const CONFIG_MAP = 'coredns';
const POD_LABEL = 'k8s-app=kube-dns';

/** Reads the CoreDNS ConfigMap; undefined when it does not exist. */
export type CorednsConfigReader = (context: CheckContext) => Promise<any | undefined>;

/**
 * The cache watches only cilium-config among ConfigMaps, so the CoreDNS one is read with a
 * single GET when the cache does not hold it.
 */
export const readCorednsConfigMap: CorednsConfigReader = async context => {
  const cached = context.cache.get('ConfigMap', NAMESPACE, CONFIG_MAP);
  if (cached) return cached;
  const client = new KubernetesClient(context.cluster, { requestTimeoutMs: 5000 });
  try {
    return await client.getJson(`/api/v1/namespaces/${NAMESPACE}/configmaps/${CONFIG_MAP}`);
  } catch (error) {
    if (error instanceof KubernetesApiError && error.statusCode === 404) return undefined;
    throw error;
  } finally {
    client.close();
  }
};

/** What a Corefile lacks for cluster DNS to work: the kubernetes plugin, and a forward for other names. */
function corefileProblems(corefile: string): string[] {
  const problems: string[] = [];
  if (!/^\s*kubernetes\s/m.test(corefile)) problems.push('no kubernetes plugin: cluster.local names will not resolve');
  if (!/^\s*forward\s+\.\s/m.test(corefile)) problems.push('no "forward ." block: names outside the cluster will not resolve');
  return problems;
}

/** How the summary names the ConfigMap's state. */
function configMapState(configMap: any, corefile: string | undefined): string {
  if (!configMap) return 'missing or unreadable';
  return corefile ? 'present' : 'without Corefile';
}

/** Builds the CoreDNS check with a ConfigMap reader (tests pass their own). */
export function createCorednsCheck(readConfigMap: CorednsConfigReader = readCorednsConfigMap): DiagnosticCheck {
  return {
    id: 'dns.coredns',
    title: 'CoreDNS runs and is configured',
    category: 'dns',
    scopes: ['cluster'],
    description: 'Counts the ready CoreDNS pods (k8s-app=kube-dns in kube-system) and reads the coredns ConfigMap: its Corefile needs the kubernetes plugin and a forward for other names.',
    manualCommand: 'kubectl get pods -n kube-system -l k8s-app=kube-dns; kubectl get configmap -n kube-system coredns -o yaml',
    remediation:
      'Pods not ready: kubectl describe pod -n kube-system -l k8s-app=kube-dns and kubectl logs -n kube-system -l k8s-app=kube-dns (a forward loop or an unreachable upstream are common). ConfigMap missing or incomplete: restore the Corefile with the kubernetes cluster.local plugin and forward . /etc/resolv.conf (Talos manages it through cluster.coreDNS in the machine config).',
    async run(context) {
      const { cache } = context;
      const findings: CheckFinding[] = [];
      const pods = cache.byIndex('Pod', 'label', POD_LABEL).filter(pod => pod.metadata.namespace === NAMESPACE);
      const ready = pods.filter(podReady);
      const deploymentRef = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: NAMESPACE, name: 'coredns' };
      const podFields = {
        pods: pods.map(pod => `${pod.metadata.name} ${podReady(pod) ? 'ready' : 'not ready'}`).join(', ') || 'none',
        ready: `${ready.length}/${pods.length}`,
      };
      if (pods.length === 0) {
        findings.push(objectFinding('fail', deploymentRef, `CoreDnsNotRunning: no pod labelled ${POD_LABEL} in ${NAMESPACE}`, podFields));
      } else if (ready.length < pods.length) {
        const notReady = pods.filter(pod => !podReady(pod));
        findings.push(
          objectFinding(ready.length === 0 ? 'fail' : 'warn', deploymentRef, `CoreDnsNotReady: ${ready.length} of ${pods.length} CoreDNS pods ready`, podFields, notReady.map(pod => refOf('Pod', pod, 'v1'))),
        );
      }

      const configRef = { apiVersion: 'v1', kind: 'ConfigMap', namespace: NAMESPACE, name: CONFIG_MAP };
      let configMap: any;
      try {
        configMap = await readConfigMap(context);
      } catch (error) {
        findings.push(objectFinding('error', configRef, `Could not read the ConfigMap: ${(error as Error).message}`));
      }
      const corefile: string | undefined = configMap?.data?.Corefile;
      if (configMap === undefined && findings.every(finding => finding.object?.kind !== 'ConfigMap')) {
        findings.push(objectFinding('fail', configRef, `ConfigMapNotFound: ${NAMESPACE}/${CONFIG_MAP} does not exist`));
      } else if (configMap && !corefile) {
        findings.push(objectFinding('fail', configRef, 'NoCorefile: the ConfigMap has no data.Corefile'));
      } else if (corefile) {
        const problems = corefileProblems(corefile);
        if (problems.length > 0) findings.push(objectFinding('warn', configRef, `CorefileIncomplete: ${problems.join('; ')}`, { 'data.Corefile': corefile }));
      }
      return {
        findings,
        evidence: { fields: { ...podFields, configMap: configMap ? 'present' : 'absent', ...(corefile ? { 'data.Corefile': corefile } : {}) } },
        summary: `${ready.length} of ${pods.length} CoreDNS pods ready; ConfigMap ${configMapState(configMap, corefile)}`,
      };
    },
  };
}

/** The CoreDNS check, reading the ConfigMap from the cluster. */
export const corednsCheck: DiagnosticCheck = createCorednsCheck();
