import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples of `network:talos:bootstrap`. */
export const examples: TemplateExample[] = [
  {
    description:
      'Bootstrap the demo cluster with the plan the user confirmed in the form',
    example: yaml.stringify({
      steps: [
        {
          id: 'bootstrap',
          action: 'network:talos:bootstrap',
          name: 'Bootstrap the cluster',
          input: {
            cluster: 'demo',
            planHash: '${{ parameters.planHash }}',
          },
        },
      ],
    }),
  },
];
