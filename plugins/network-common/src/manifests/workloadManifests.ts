import { KubernetesManifest, ServiceSpec } from './serviceSpec';

/** The port name the container and the Service share, so policies and routes can name it. */
export const SERVICE_PORT_NAME = 'http';

/**
 * The labels every rendered object carries: the recommended app labels, and
 * `backstage.io/kubernetes-id` so the Kubernetes plugin and the Network tab find the workload.
 */
export function serviceLabels(
  spec: Pick<ServiceSpec, 'name'>,
): Record<string, string> {
  return {
    'app.kubernetes.io/name': spec.name,
    'app.kubernetes.io/instance': spec.name,
    'app.kubernetes.io/managed-by': 'pathway',
    'backstage.io/kubernetes-id': spec.name,
  };
}

/** The labels that select the service's pods (stable across upgrades, unlike the full set). */
export function podSelectorLabels(
  spec: Pick<ServiceSpec, 'name'>,
): Record<string, string> {
  return {
    'app.kubernetes.io/name': spec.name,
    'app.kubernetes.io/instance': spec.name,
  };
}

/** The Deployment: one container on the chosen port, non-root, with probes on that port. */
export function renderDeployment(spec: ServiceSpec): KubernetesManifest {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: spec.name,
      namespace: spec.namespace,
      labels: serviceLabels(spec),
    },
    spec: {
      replicas: spec.replicas,
      selector: { matchLabels: podSelectorLabels(spec) },
      template: {
        metadata: { labels: serviceLabels(spec) },
        spec: {
          securityContext: {
            runAsNonRoot: true,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [
            {
              name: 'app',
              image: spec.image,
              ports: [
                {
                  name: SERVICE_PORT_NAME,
                  containerPort: spec.port,
                  protocol: 'TCP',
                },
              ],
              readinessProbe: {
                tcpSocket: { port: SERVICE_PORT_NAME },
                periodSeconds: 10,
              },
              livenessProbe: {
                tcpSocket: { port: SERVICE_PORT_NAME },
                periodSeconds: 20,
              },
              resources: {
                requests: { cpu: '10m', memory: '64Mi' },
                limits: { memory: '256Mi' },
              },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
            },
          ],
        },
      },
    },
  };
}

/** The ClusterIP Service in front of the pods; routes and Ingresses point at it. */
export function renderService(spec: ServiceSpec): KubernetesManifest {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: spec.name,
      namespace: spec.namespace,
      labels: serviceLabels(spec),
    },
    spec: {
      type: 'ClusterIP',
      selector: podSelectorLabels(spec),
      ports: [
        {
          name: SERVICE_PORT_NAME,
          port: spec.port,
          targetPort: SERVICE_PORT_NAME,
          protocol: 'TCP',
        },
      ],
    },
  };
}
