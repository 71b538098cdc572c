import { mockServices } from '@backstage/backend-test-utils';
import { retryRunWrite } from './retryRunWrite';

describe('retryRunWrite', () => {
  it('retries a failing write until the database answers, and returns its result', async () => {
    const logger = mockServices.logger.mock();
    let failuresLeft = 2;
    const write = jest.fn(async () => {
      if (failuresLeft-- > 0) throw new Error('Connection terminated unexpectedly');
      return 'stored';
    });
    await expect(retryRunWrite('Bootstrap run r1: recording its end', write, logger, 10_000)).resolves.toBe('stored');
    expect(write).toHaveBeenCalledTimes(3);
    expect(logger.warn).toHaveBeenCalledWith('Bootstrap run r1: recording its end failed (Error: Connection terminated unexpectedly); retrying');
  });

  it('gives up with the last error once the time is up', async () => {
    const write = jest.fn(async () => {
      throw new Error('ECONNREFUSED');
    });
    await expect(retryRunWrite('Diagnostics run r2: recording its end', write, mockServices.logger.mock(), 0)).rejects.toThrow('ECONNREFUSED');
  });
});
