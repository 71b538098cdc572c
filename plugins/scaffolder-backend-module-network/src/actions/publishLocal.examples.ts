import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples of `network:repo:publish-local`. */
export const examples: TemplateExample[] = [
  {
    description:
      'Publish the workspace to a local repository and register it in the catalog',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'network:repo:publish-local',
          name: 'Publish',
          input: { repoName: 'hello', commitMessage: 'Create hello' },
        },
        {
          id: 'register',
          action: 'catalog:register',
          name: 'Register',
          input: {
            catalogInfoUrl: '${{ steps.publish.output.catalogInfoUrl }}',
          },
        },
      ],
    }),
  },
];
