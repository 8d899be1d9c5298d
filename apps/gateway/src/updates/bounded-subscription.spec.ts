import { BoundedSubscription } from './bounded-subscription';

describe(BoundedSubscription.name, () => {
  it('hands over pushed values in order, and ends cleanly on return', async () => {
    let ended = 0;
    const subscription = new BoundedSubscription<number>(10, () => (ended += 1));
    subscription.push(1);
    subscription.push(2);
    expect(await subscription.next()).toEqual({ value: 1, done: false });
    const waiting = subscription.next();
    subscription.push(3);
    expect(await waiting).toEqual({ value: 2, done: false });
    expect(await subscription.next()).toEqual({ value: 3, done: false });
    await subscription.return();
    expect(await subscription.next()).toEqual({ value: undefined, done: true });
    expect(ended).toBe(1);
  });

  it('closes a subscriber that falls more than the limit behind, saying why', async () => {
    const overflows: number[] = [];
    const subscription = new BoundedSubscription<number>(
      3,
      () => undefined,
      (limit) => overflows.push(limit),
    );
    for (let i = 0; i < 4; i += 1) {
      subscription.push(i);
    }
    expect(overflows).toEqual([3]);
    await expect(subscription.next()).rejects.toThrow(
      'subscriber too slow: more than 3 updates waiting; subscription closed',
    );
  });

  it("takes one item's values whole, however many, and closes only a subscriber that had the limit waiting", async () => {
    const overflows: number[] = [];
    const subscription = new BoundedSubscription<number>(
      3,
      () => undefined,
      (limit) => overflows.push(limit),
    );
    const waiting = subscription.next();
    subscription.pushTogether([0, 1, 2, 3, 4]);
    expect(await waiting).toEqual({ value: 0, done: false });
    expect(await subscription.next()).toEqual({ value: 1, done: false });
    expect(await subscription.next()).toEqual({ value: 2, done: false });
    subscription.pushTogether([5, 6]);
    expect(overflows).toEqual([]);
    // Four values wait (3 to 6): the next item finds the limit waiting.
    subscription.pushTogether([7]);
    expect(overflows).toEqual([3]);
    await expect(subscription.next()).rejects.toThrow('more than 3 updates waiting');
  });

  it('lets a backlog reader wait for room instead of overflowing, up to a time limit', async () => {
    const subscription = new BoundedSubscription<number>(1, () => undefined);
    subscription.push(1);
    const room = subscription.waitForRoom(5000);
    await subscription.next();
    expect(await room).toBe(true);
    subscription.push(2);
    expect(await subscription.waitForRoom(50)).toBe(false);
  });
});
