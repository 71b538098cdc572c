import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';
import { EXAMPLE_SERVICE_INPUT } from './exampleServiceInput';

/** Examples of `network:preflight`. */
export const examples: TemplateExample[] = [
  {
    description:
      'Check a service against the demo cluster before publishing it',
    example: yaml.stringify({
      steps: [
        {
          id: 'preflight',
          action: 'network:preflight',
          name: 'Preflight against the cluster',
          input: { ...EXAMPLE_SERVICE_INPUT, cluster: 'demo' },
        },
      ],
    }),
  },
];
