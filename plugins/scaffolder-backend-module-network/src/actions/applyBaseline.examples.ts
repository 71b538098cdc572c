import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples of `network:baseline:apply`. */
export const examples: TemplateExample[] = [
  {
    description:
      'Apply the network baseline to the demo cluster, following the run for at most 10 minutes',
    example: yaml.stringify({
      steps: [
        {
          id: 'baseline',
          action: 'network:baseline:apply',
          name: 'Apply the network baseline',
          input: {
            cluster: 'demo',
            planHash: '${{ parameters.planHash }}',
            timeoutSeconds: 600,
          },
        },
      ],
    }),
  },
];
