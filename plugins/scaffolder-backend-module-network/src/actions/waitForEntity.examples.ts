import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples of `network:catalog:wait`. */
export const examples: TemplateExample[] = [
  {
    description:
      'Wait for the component catalog:register just registered before linking to it',
    example: yaml.stringify({
      steps: [
        {
          id: 'catalog',
          action: 'network:catalog:wait',
          name: 'Wait for the catalog',
          input: {
            entityRef: 'component:default/hello',
            timeoutSeconds: 120,
          },
        },
      ],
    }),
  },
];
