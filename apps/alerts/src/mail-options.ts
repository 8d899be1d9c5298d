import type { RetryPolicy } from '@mmt/dcsa';
import { positiveSetting } from '@mmt/platform';

/** The notification e-mails: where they go out, from whom, and how a failing SMTP server is tried again. */
export interface MailOptions {
  /** The SMTP server, e.g. `smtp://user:pass@mail.example.com:587` or `smtps://...:465`; none: e-mail is off. */
  readonly smtpUrl?: string;
  /** The sender, e.g. `Container tracking <notifications@example.com>`. */
  readonly from: string;
  /** Where people reach the gateway: the base of the tracking and unsubscribe links. */
  readonly publicUrl: string;
  /** How often due e-mails are looked for, besides right after a batch adds some. */
  readonly pollMs: number;
  /** How long one sender holds an e-mail it is sending before another may take it. */
  readonly leaseMs: number;
  readonly retry: RetryPolicy;
}

const HOUR_MS = 3_600_000;

/**
 * SMTP_URL, MAIL_FROM, PUBLIC_URL (default http://127.0.0.1:4000), MAIL_POLL_MS (1 s), MAIL_RETRY_BASE_MS (5 s,
 * doubling up to MAIL_RETRY_MAX_MS, 1 h) for MAIL_RETRY_WINDOW_MS (24 h), after which an e-mail is recorded FAILED.
 */
export function mailOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): MailOptions {
  const smtpUrl = env.SMTP_URL?.trim();
  return {
    ...(smtpUrl === undefined || smtpUrl === '' ? {} : { smtpUrl }),
    from: env.MAIL_FROM?.trim() || 'Container tracking <notifications@localhost>',
    publicUrl: env.PUBLIC_URL?.trim() || 'http://127.0.0.1:4000',
    pollMs: positiveSetting(env, 'MAIL_POLL_MS', 1000, 'whole'),
    leaseMs: positiveSetting(env, 'MAIL_LEASE_MS', 60_000, 'whole'),
    retry: {
      baseDelayMs: positiveSetting(env, 'MAIL_RETRY_BASE_MS', 5000, 'whole'),
      maxDelayMs: positiveSetting(env, 'MAIL_RETRY_MAX_MS', HOUR_MS, 'whole'),
      retryWindowMs: positiveSetting(env, 'MAIL_RETRY_WINDOW_MS', 24 * HOUR_MS, 'whole'),
    },
  };
}
