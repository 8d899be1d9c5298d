import { callbackPolicyFromEnv, type CallbackPolicy, type RetryPolicy } from '@mmt/dcsa';

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

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') {
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${name} must be a positive number of milliseconds (or events), not ${JSON.stringify(raw)}`);
  }
  return value;
}

/**
 * WEBHOOK_* settings: retries for 24 h (1 s doubling to 1 h between tries) before a subscription pauses; callbacks
 * only to public addresses over https, but for the hosts WEBHOOK_ALLOWED_HOSTS lists.
 */
export function webhooksOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): WebhooksOptions {
  return {
    pollMs: positive(env, 'WEBHOOK_POLL_MS', 1000),
    batchSize: positive(env, 'WEBHOOK_BATCH_SIZE', 100),
    timeoutMs: positive(env, 'WEBHOOK_TIMEOUT_MS', 10_000),
    retry: {
      baseDelayMs: positive(env, 'WEBHOOK_RETRY_BASE_MS', 1000),
      maxDelayMs: positive(env, 'WEBHOOK_RETRY_MAX_MS', HOUR_MS),
      retryWindowMs: positive(env, 'WEBHOOK_RETRY_WINDOW_MS', 24 * HOUR_MS),
    },
    leaseMs: positive(env, 'WEBHOOK_LEASE_MS', 60_000),
    callbacks: callbackPolicyFromEnv(env),
  };
}
