export interface RetryPolicy {
  /** The first retry's delay; each further failure doubles it. */
  readonly baseDelayMs: number;
  /** The longest delay between two tries. */
  readonly maxDelayMs: number;
  /** How long a subscription may keep failing before it is paused (24 h by default). */
  readonly retryWindowMs: number;
}

/**
 * The delay before the next try after `failures` consecutive failures: exponential from `baseDelayMs`, capped
 * at `maxDelayMs`, with jitter over its upper half so that receivers failing together do not retry together.
 */
export function retryDelayMs(failures: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(Math.max(failures - 1, 0), 40));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
