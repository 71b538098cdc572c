import { ConcurrencyLimit } from './ConcurrencyLimit';

describe('ConcurrencyLimit', () => {
  it('runs at most `limit` tasks at once, in arrival order, and frees slots on failure', async () => {
    const limit = new ConcurrencyLimit(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const task = (id: number, fail = false) => async () => {
      running += 1;
      peak = Math.max(peak, running);
      order.push(id);
      await new Promise(resolve => setTimeout(resolve, 5));
      running -= 1;
      if (fail) throw new Error(`task ${id} failed`);
      return id;
    };
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map(id => limit.run(task(id, id === 2))));
    expect(peak).toBe(2);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(results.map(result => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    await expect(limit.run(async () => 'after')).resolves.toBe('after');
  });
});
