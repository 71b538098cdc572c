import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { parseEntityRef } from '../services/CatalogEntities/CatalogEntities';
import { createWaitForEntityAction } from './waitForEntity';

describe('network:catalog:wait', () => {
  it('polls as the initiating user until the catalog serves the entity', async () => {
    const isServed = jest
      .fn()
      .mockResolvedValueOnce(false)
      .mockResolvedValueOnce(false)
      .mockResolvedValue(true);
    const action = createWaitForEntityAction({
      catalog: { isServed },
      pollMs: 1,
    });
    const ctx = createMockActionContext({
      input: { entityRef: 'component:default/hello' },
    });
    await action.handler(ctx);
    expect(isServed).toHaveBeenCalledTimes(3);
    expect(isServed).toHaveBeenCalledWith(
      'component:default/hello',
      await ctx.getInitiatorCredentials(),
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/hello',
    );
    expect(ctx.output).toHaveBeenCalledWith('waitedMs', expect.any(Number));
  });

  it('gives up after the timeout, saying the entity will appear later', async () => {
    const action = createWaitForEntityAction({
      catalog: { isServed: jest.fn().mockResolvedValue(false) },
      pollMs: 5,
    });
    await expect(
      action.handler(
        createMockActionContext({
          input: { entityRef: 'component:default/hello', timeoutSeconds: 0.02 },
        }),
      ),
    ).rejects.toThrow(
      'component:default/hello is not in the catalog after 0 s; the catalog is still processing its location and will show it later',
    );
  });

  it('does not wait in a dry run (nothing was registered)', async () => {
    const isServed = jest.fn();
    const action = createWaitForEntityAction({ catalog: { isServed } });
    const ctx = {
      ...createMockActionContext({
        input: { entityRef: 'component:default/hello' },
      }),
      isDryRun: true,
    };
    await action.handler(ctx as any);
    expect(isServed).not.toHaveBeenCalled();
  });
});

describe('parseEntityRef', () => {
  it.each([
    [
      'component:default/hello',
      { kind: 'component', namespace: 'default', name: 'hello' },
    ],
    [
      'Component:hello',
      { kind: 'component', namespace: 'default', name: 'hello' },
    ],
  ])('%s', (ref, expected) => {
    expect(parseEntityRef(ref)).toEqual(expected);
  });
  it('refuses a path', () => {
    expect(() => parseEntityRef('component:default/../x')).toThrow(
      "'component:default/../x' is not an entity reference",
    );
  });
});
