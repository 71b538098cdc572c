import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples of `network:hostname:check`. */
export const examples: TemplateExample[] = [
  {
    description: 'Check that hello.demo.lab is free in the default cluster',
    example: yaml.stringify({
      steps: [
        {
          id: 'hostname',
          action: 'network:hostname:check',
          name: 'Check the hostname',
          input: {
            hostname: 'hello.demo.lab',
            namespace: 'default',
            name: 'hello',
          },
        },
      ],
    }),
  },
];
