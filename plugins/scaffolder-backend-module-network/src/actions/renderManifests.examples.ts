import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';
import { EXAMPLE_SERVICE_INPUT } from './exampleServiceInput';

/** Examples of `network:manifests:render`. */
export const examples: TemplateExample[] = [
  {
    description:
      'A service behind the internal gateway, with the wildcard certificate and Cilium policies',
    example: yaml.stringify({
      steps: [
        {
          id: 'render',
          action: 'network:manifests:render',
          name: 'Render manifests',
          input: EXAMPLE_SERVICE_INPUT,
        },
      ],
    }),
  },
  {
    description:
      'A public service through an Ingress of class external, a Let’s Encrypt certificate and a DNSEndpoint to the tunnel',
    example: yaml.stringify({
      steps: [
        {
          id: 'render',
          action: 'network:manifests:render',
          name: 'Render manifests',
          input: {
            ...EXAMPLE_SERVICE_INPUT,
            exposure: 'internal-and-public',
            routing: 'ingress',
            ingressClass: 'external',
            tls: 'issuer',
            issuer: 'letsencrypt-production',
            policyFlavour: 'networkpolicy',
            proxy: 'pods',
            proxyNamespace: 'network',
            dns: 'dnsendpoint',
            dnsTargets: ['127.0.2.14'],
            tunnelHostname: 'external.demo.lab',
            extraEgress: ['monitoring/grafana:3000'],
          },
        },
      ],
    }),
  },
];
