/**
 * An async iterator over pushed values with a bounded buffer: a subscriber that does not keep up is ended
 * with an error naming the limit, so one slow client never holds memory or slows the others.
 */
export class BoundedSubscription<T> implements AsyncIterableIterator<T> {
  private readonly buffer: T[] = [];
  private waiting?: { resolve: (r: IteratorResult<T>) => void; reject: (e: Error) => void };
  private ended = false;
  private roomWaiters: (() => void)[] = [];
  private failure?: Error;

  constructor(
    private readonly limit: number,
    private readonly onEnd: () => void,
    private readonly onOverflow: (limit: number) => void = () => undefined,
  ) {}

  push(value: T): void {
    this.pushTogether([value]);
  }

  /**
   * Pushes the values of one item together (a stream's events of one update): the subscriber is too slow when the
   * limit is already waiting, not when one item alone carries more values than the limit. So the buffer holds at
   * most the limit and one item's values.
   */
  pushTogether(values: readonly T[]): void {
    if (this.ended || values.length === 0) {
      return;
    }
    if (this.buffer.length >= this.limit) {
      this.fail(new Error(`subscriber too slow: more than ${this.limit} updates waiting; subscription closed`));
      this.onOverflow(this.limit);
      return;
    }
    let from = 0;
    if (this.waiting) {
      const { resolve } = this.waiting;
      this.waiting = undefined;
      resolve({ value: values[0], done: false });
      from = 1;
    }
    for (let i = from; i < values.length; i += 1) {
      this.buffer.push(values[i]);
    }
  }

  /** Ends the subscription at once with an error, dropping what it buffered (the subscriber resumes from what it got). */
  fail(error: Error): void {
    this.failure = error;
    this.buffer.length = 0;
    this.finish();
    if (this.waiting) {
      this.waiting.reject(error);
      this.waiting = undefined;
    }
  }

  private finish(): void {
    if (!this.ended) {
      this.ended = true;
      this.onEnd();
    }
  }

  /**
   * For a producer that can wait (a stream reading its own backlog): resolves true once the buffer has
   * room, or false if the subscriber consumed nothing for `timeoutMs` or has gone.
   */
  async waitForRoom(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended && this.buffer.length >= this.limit) {
      const left = deadline - Date.now();
      if (left <= 0) {
        return false;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.roomWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return !this.ended;
  }

  next(): Promise<IteratorResult<T>> {
    const waiters = this.roomWaiters;
    this.roomWaiters = [];
    waiters.forEach((wake) => wake());
    const value = this.buffer.shift();
    if (value !== undefined) {
      return Promise.resolve({ value, done: false });
    }
    if (this.failure) {
      return Promise.reject(this.failure);
    }
    if (this.ended) {
      return Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.buffer.length = 0;
    this.finish();
    this.waiting?.resolve({ value: undefined, done: true });
    this.waiting = undefined;
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
