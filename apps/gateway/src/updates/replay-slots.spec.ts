import { ReplaySlots } from './replay-slots';

describe(ReplaySlots.name, () => {
  it('runs at most its size of tasks at once, the others in the order they came, and every one to its end', async () => {
    const slots = new ReplaySlots(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const task = (n: number) => async () => {
      started.push(n);
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      return n;
    };
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => slots.run(task(n))));
    expect(results).toEqual([1, 2, 3, 4, 5, 6]);
    expect(started).toEqual([1, 2, 3, 4, 5, 6]);
    expect(most).toBe(2);
  });

  it('frees the slot of a task that fails', async () => {
    const slots = new ReplaySlots(1);
    await expect(slots.run(() => Promise.reject(new Error('broker away')))).rejects.toThrow('broker away');
    await expect(slots.run(() => Promise.resolve('next'))).resolves.toBe('next');
  });
});
