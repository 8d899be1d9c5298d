/** Replays one gateway reads at once: each is a consumer group on the broker while it runs. */
export const MAX_CONCURRENT_REPLAYS = 16;

/**
 * At most `size` tasks run at once; the others wait their turn, first come first served. Thousands of clients
 * resuming together (their gateway went away) thus open a few replay consumer groups at a time, not thousands.
 */
export class ReplaySlots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size = MAX_CONCURRENT_REPLAYS) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    while (this.running >= this.size) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.running += 1;
    try {
      return await task();
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }
}
