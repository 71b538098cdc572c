import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  isDnsEgressAllowed,
  isIngressAllowed,
  PodEndpoint,
  PolicyObject,
} from '@internal/plugin-network-common';
import { parseAllDocuments, stringify } from 'yaml';
import {
  StartedDemoCluster,
  startDemoCluster,
} from './__testUtils__/demoCluster';
import { DEFAULT_PORTAL_DEPLOY_SETTINGS } from './portalDeploySettings';
import { renderPortalManifests } from './renderPortalManifests';
import { writeGeneratedFiles } from './writeGeneratedFiles';

const KUBECTL = '/usr/bin/kubectl';
const OVERLAY = path.resolve(
  __dirname,
  '../../../deploy/kustomize/overlays/example',
);
// Kinds the demo cluster does not serve (it has no RBAC API); checked by discovery below.
const NOT_SERVED_BY_DEMO = [
  'ClusterRole',
  'ClusterRoleBinding',
  'Role',
  'RoleBinding',
];

type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    annotations?: Record<string, string>;
  };
  [field: string]: any;
};

function kubectl(args: string[], input?: string) {
  const result = spawnSync(KUBECTL, args, { input, encoding: 'utf8' });
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

function buildOverlay(directory = OVERLAY): Manifest[] {
  const built = kubectl(['kustomize', directory]);
  if (built.status !== 0) throw new Error(built.stderr);
  return parseAllDocuments(built.stdout).map(
    document => document.toJS() as Manifest,
  );
}

describe('kubectl kustomize deploy/kustomize/overlays/example', () => {
  const objects = buildOverlay();
  const find = (kind: string, name: string) =>
    objects.find(
      object => object.kind === kind && object.metadata.name === name,
    )!;

  it('builds every object of the base with the overlay values', () => {
    expect(
      objects.map(object => `${object.kind}/${object.metadata.name}`).sort(),
    ).toEqual([
      'Certificate/pathway-tls',
      'CiliumNetworkPolicy/pathway-allow',
      'CiliumNetworkPolicy/pathway-default-deny',
      'ClusterRole/pathway-network-bootstrap',
      'ClusterRole/pathway-network-reader',
      'ClusterRoleBinding/pathway-network-bootstrap',
      'ClusterRoleBinding/pathway-network-reader',
      'ConfigMap/pathway-app-config',
      'Deployment/pathway',
      'HTTPRoute/pathway',
      'Namespace/pathway',
      'Role/pathway-network-kube-system',
      'RoleBinding/pathway-network-kube-system',
      'Service/pathway',
      'ServiceAccount/pathway',
    ]);
    const route = find('HTTPRoute', 'pathway');
    expect(route.spec.hostnames).toEqual(['portal.lab.example.net']);
    expect(route.spec.parentRefs[0].name).toBe('envoy-external');
    expect(
      route.metadata.annotations!['external-dns.kubernetes.io/hostname'],
    ).toBe('portal.lab.example.net');
    const certificate = find('Certificate', 'pathway-tls');
    expect(certificate.spec.dnsNames).toEqual(['portal.lab.example.net']);
    expect(certificate.spec.issuerRef.name).toBe('letsencrypt-staging');
    const container = find('Deployment', 'pathway').spec.template.spec
      .containers[0];
    expect(container.image).toBe(
      'registry.lab.example.net/platform/pathway-backend:0.1.0',
    );
    expect(container.env).toContainEqual({
      name: 'PORTAL_BASE_URL',
      value: 'https://portal.lab.example.net',
    });
    expect(find('Role', 'pathway-network-kube-system').metadata.namespace).toBe(
      'kube-system',
    );
  });

  it('runs the Deployment as asked: two replicas, health probes, non-root, read-only root, secrets from a Secret, the talosconfig as a file', () => {
    const deployment = find('Deployment', 'pathway');
    const pod = deployment.spec.template.spec;
    const container = pod.containers[0];
    expect(deployment.spec.replicas).toBe(2);
    expect(container.readinessProbe.httpGet.path).toBe(
      '/.backstage/health/v1/readiness',
    );
    expect(container.livenessProbe.httpGet.path).toBe(
      '/.backstage/health/v1/liveness',
    );
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(container.resources.requests).toBeDefined();
    expect(container.resources.limits.memory).toBeDefined();
    for (const name of [
      'POSTGRES_HOST',
      'POSTGRES_PORT',
      'POSTGRES_USER',
      'POSTGRES_PASSWORD',
    ]) {
      const variable = container.env.find(
        (entry: { name: string }) => entry.name === name,
      );
      expect(variable.valueFrom.secretKeyRef).toMatchObject({
        name: 'pathway-secrets',
        key: name,
      });
    }
    // The mounted file is where app-config.production.yaml says it is.
    const appConfig: string = find('ConfigMap', 'pathway-app-config').data[
      'app-config.production.yaml'
    ];
    const talosconfigPath = appConfig.match(/talosconfigPath: (\S+)/)![1];
    const mount = container.volumeMounts.find((entry: { mountPath: string }) =>
      talosconfigPath.startsWith(`${entry.mountPath}/`),
    );
    const volume = pod.volumes.find(
      (entry: { name: string }) => entry.name === mount.name,
    );
    expect(volume.secret.secretName).toBe('pathway-talosconfig');
    expect(appConfig).toMatch(/inCluster: true/);
    expect(container.command).toContain(
      `${
        container.volumeMounts.find(
          (entry: { name: string }) => entry.name === 'config',
        ).mountPath
      }/app-config.production.yaml`,
    );
  });

  it('admits the gateway to the portal pods and DNS egress, by our own evaluation of the built policies', () => {
    const policies = objects.filter(object =>
      ['NetworkPolicy', 'CiliumNetworkPolicy'].includes(object.kind),
    ) as unknown as PolicyObject[];
    const podLabels = find('Deployment', 'pathway').spec.template.metadata
      .labels;
    const portalPod: PodEndpoint = { namespace: 'pathway', podLabels };
    const gateway = isIngressAllowed(
      { from: { entity: 'ingress' }, to: portalPod, port: 7007 },
      policies,
    );
    expect(gateway.verdict).toBe('allowed');
    expect(
      isIngressAllowed(
        {
          from: { namespace: 'apps', podLabels: { app: 'x' } },
          to: portalPod,
          port: 7007,
        },
        policies,
      ).allowed,
    ).toBe(false);
    expect(isDnsEgressAllowed(portalPod, policies).allowed).toBe(true);
  });

  describe('against the demo cluster', () => {
    let demo: StartedDemoCluster;
    beforeAll(async () => {
      demo = await startDemoCluster();
    }, 90_000);
    afterAll(async () => {
      await demo?.stop();
    });

    it('accepts every object it serves in a server-side dry-run apply', () => {
      // NAME [SHORTNAMES] APIVERSION NAMESPACED KIND: the last three columns name a kind.
      const served = kubectl([
        '--kubeconfig',
        demo.kubeconfigPath,
        'api-resources',
        '--no-headers',
      ]);
      expect(served.status).toBe(0);
      const servedKinds = new Set(
        served.stdout
          .trim()
          .split('\n')
          .map(line => {
            const columns = line.trim().split(/\s+/);
            return `${columns[columns.length - 3]} ${
              columns[columns.length - 1]
            }`;
          }),
      );
      const notServed = objects.filter(
        object => !servedKinds.has(`${object.apiVersion} ${object.kind}`),
      );
      expect([...new Set(notServed.map(object => object.kind))].sort()).toEqual(
        NOT_SERVED_BY_DEMO,
      );
      const toApply = objects.filter(
        object => !NOT_SERVED_BY_DEMO.includes(object.kind),
      );

      // A dry run cannot create the namespace the other objects go into (as on a real
      // cluster), so the Namespace is applied first, for real.
      const namespace = kubectl(
        [
          '--kubeconfig',
          demo.kubeconfigPath,
          'apply',
          '--server-side',
          '-f',
          '-',
        ],
        stringify(find('Namespace', 'pathway')),
      );
      expect(namespace.stderr).toBe('');

      const dryRun = kubectl(
        [
          '--kubeconfig',
          demo.kubeconfigPath,
          'apply',
          '--server-side',
          '--dry-run=server',
          '-f',
          '-',
        ],
        toApply.map(object => stringify(object)).join('---\n'),
      );
      expect(dryRun.stderr).toBe('');
      expect(dryRun.status).toBe(0);
      const accepted = dryRun.stdout.trim().split('\n');
      expect(accepted).toHaveLength(toApply.length);
      for (const line of accepted)
        expect(line).toMatch(/ serverside-applied \(server dry run\)$/);

      // Dry run changed nothing: the Deployment is not there.
      const after = kubectl([
        '--kubeconfig',
        demo.kubeconfigPath,
        'get',
        'deployment',
        'pathway',
        '-n',
        'pathway',
      ]);
      expect(after.status).not.toBe(0);
    });

    it('accepts the NetworkPolicy flavour of the base as well (rendered into a copy)', () => {
      const directory = fs.mkdtempSync(
        path.join(os.tmpdir(), 'portal-deploy-base-'),
      );
      try {
        const base = path.join(directory, 'base');
        fs.cpSync(path.join(OVERLAY, '../../base'), base, { recursive: true });
        writeGeneratedFiles(
          base,
          renderPortalManifests({
            ...DEFAULT_PORTAL_DEPLOY_SETTINGS,
            policyFlavour: 'networkpolicy',
            proxy: { kind: 'pods', namespace: 'network' },
          }),
        );
        const built = buildOverlay(base).filter(
          object => !NOT_SERVED_BY_DEMO.includes(object.kind),
        );
        expect(
          built
            .filter(object => object.kind.endsWith('NetworkPolicy'))
            .map(object => `${object.kind}/${object.metadata.name}`)
            .sort(),
        ).toEqual([
          'NetworkPolicy/pathway-allow-egress',
          'NetworkPolicy/pathway-allow-ingress',
          'NetworkPolicy/pathway-default-deny',
        ]);
        kubectl(
          [
            '--kubeconfig',
            demo.kubeconfigPath,
            'apply',
            '--server-side',
            '-f',
            '-',
          ],
          stringify(built.find(object => object.kind === 'Namespace')),
        );
        const dryRun = kubectl(
          [
            '--kubeconfig',
            demo.kubeconfigPath,
            'apply',
            '--server-side',
            '--dry-run=server',
            '-f',
            '-',
          ],
          built.map(object => stringify(object)).join('---\n'),
        );
        expect(dryRun.stderr).toBe('');
        const accepted = dryRun.stdout.trim().split('\n');
        expect(accepted).toHaveLength(built.length);
        expect(accepted).toContain(
          'networkpolicy.networking.k8s.io/pathway-allow-egress serverside-applied (server dry run)',
        );
      } finally {
        fs.rmSync(directory, { recursive: true, force: true });
      }
    });

    it('refuses what a real cluster refuses (so the dry run above is checked, not waved through)', () => {
      const deployment = structuredClone(find('Deployment', 'pathway'));
      deployment.metadata.namespace = 'no-such-namespace';
      const dryRun = kubectl(
        [
          '--kubeconfig',
          demo.kubeconfigPath,
          'apply',
          '--server-side',
          '--dry-run=server',
          '-f',
          '-',
        ],
        stringify(deployment),
      );
      expect(dryRun.status).not.toBe(0);
      expect(dryRun.stderr).toMatch(/namespaces "no-such-namespace" not found/);
    });
  });
});
