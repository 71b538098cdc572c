import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';
import { EXAMPLE_SERVICE_INPUT } from './exampleServiceInput';

/** Examples of `network:manifests:apply`. */
export const examples: TemplateExample[] = [
  {
    description:
      'Apply the service to the demo cluster (needs network.scaffolder.allowApply)',
    example: yaml.stringify({
      steps: [
        {
          id: 'apply',
          action: 'network:manifests:apply',
          name: 'Apply to the cluster',
          input: { ...EXAMPLE_SERVICE_INPUT, cluster: 'demo' },
        },
      ],
    }),
  },
];
