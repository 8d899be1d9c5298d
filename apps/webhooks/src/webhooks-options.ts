import { callbackPolicyFromEnv, type CallbackPolicy, type RetryPolicy } from '@mmt/dcsa';
import { positiveSetting } from '@mmt/platform';

export const WEBHOOKS_OPTIONS = Symbol('WEBHOOKS_OPTIONS');

export interface WebhooksOptions {
  /** How often subscriptions are checked for events to deliver, besides right after new ones are enqueued. */
  readonly pollMs: number;
  /** Most events in one notification. */
  readonly batchSize: number;
  /** How long a receiver may take to answer before the try counts as failed. */
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  /** How long a process holds the right to deliver a subscription without renewing it. */
  readonly leaseMs: number;
  /** Where callbacks may go (checked again before every POST): WEBHOOK_ALLOWED_HOSTS, see callback-url.ts. */
  readonly callbacks: CallbackPolicy;
}

const HOUR_MS = 3_600_000;

/**
 * WEBHOOK_* settings: retries for 24 h (1 s doubling to 1 h between tries) before a subscription pauses; callbacks
 * only to public addresses over https, but for the hosts WEBHOOK_ALLOWED_HOSTS lists.
 */
export function webhooksOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): WebhooksOptions {
  return {
    pollMs: positiveSetting(env, 'WEBHOOK_POLL_MS', 1000),
    batchSize: positiveSetting(env, 'WEBHOOK_BATCH_SIZE', 100),
    timeoutMs: positiveSetting(env, 'WEBHOOK_TIMEOUT_MS', 10_000),
    retry: {
      baseDelayMs: positiveSetting(env, 'WEBHOOK_RETRY_BASE_MS', 1000),
      maxDelayMs: positiveSetting(env, 'WEBHOOK_RETRY_MAX_MS', HOUR_MS),
      retryWindowMs: positiveSetting(env, 'WEBHOOK_RETRY_WINDOW_MS', 24 * HOUR_MS),
    },
    leaseMs: positiveSetting(env, 'WEBHOOK_LEASE_MS', 60_000),
    callbacks: callbackPolicyFromEnv(env),
  };
}
