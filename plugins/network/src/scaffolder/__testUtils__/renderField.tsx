import { useState } from 'react';
import { discoveryApiRef, fetchApiRef } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';

/** Where the fields' tests serve the network backend with msw. */
export const NETWORK_BASE_URL = 'http://localhost:7007/api/network';

/**
 * Renders a field component as the scaffolder form would: with its schema, ui:options and
 * the whole form's answers in `formContext.formData`; `onChange` sees every value set.
 */
export async function renderField(
  Field: (props: any) => JSX.Element | null,
  options: {
    title: string;
    uiOptions?: object;
    formData?: Record<string, unknown>;
    value?: string;
    onChange?: (value: string | undefined) => void;
  },
) {
  const Harness = () => {
    const [value, setValue] = useState(options.value);
    return (
      <Field
        schema={{ type: 'string', title: options.title }}
        uiSchema={{ 'ui:options': options.uiOptions ?? {} }}
        idSchema={{ $id: 'root_field' }}
        formData={value}
        formContext={{ formData: options.formData ?? {} }}
        onChange={(next: string | undefined) => {
          setValue(next);
          options.onChange?.(next);
        }}
        rawErrors={[]}
        required
        disabled={false}
        readonly={false}
        name="field"
        onBlur={() => {}}
        onFocus={() => {}}
        registry={{} as any}
      />
    );
  };
  return renderInTestApp(<Harness />, {
    apis: [
      [discoveryApiRef, { getBaseUrl: async () => NETWORK_BASE_URL }],
      [fetchApiRef, { fetch: (input: any, init: any) => fetch(input, init) }],
    ],
  });
}
