import { networkFieldDefinitions } from './fieldDefinitions';

describe('networkFieldDefinitions validation', () => {
  const apiHolder = { get: () => undefined } as any;

  it('checks a field the answers make relevant', async () => {
    const addError = jest.fn();
    await networkFieldDefinitions.GatewayPicker.validation(
      'not-a-ref',
      { addError },
      {
        apiHolder,
        formData: { routing: 'gateway' },
        uiSchema: { 'ui:options': { usedWhen: { routing: 'gateway' } } },
      },
    );
    expect(addError).toHaveBeenCalledWith(
      "'not-a-ref' is not a gateway as namespace/name",
    );
  });

  it('skips a field the answers make irrelevant (an Ingress service needs no gateway)', async () => {
    const addError = jest.fn();
    await networkFieldDefinitions.GatewayPicker.validation(
      'not-a-ref',
      { addError },
      {
        apiHolder,
        formData: { routing: 'ingress' },
        uiSchema: { 'ui:options': { usedWhen: { routing: 'gateway' } } },
      },
    );
    expect(addError).not.toHaveBeenCalled();
  });
});
