import { DEFAULT_LATE_WAIT_GRACE_MS } from '@mmt/alerts';
import { positiveSetting } from '@mmt/platform';
import { mailOptionsFromEnv, type MailOptions } from './mail-options';

export const ALERTS_OPTIONS = Symbol('ALERTS_OPTIONS');

/** The clock that raises cold-chain waits, and the notification e-mails. */
export interface AlertsOptions {
  /** How often the service looks for waits that have run past their limit. */
  readonly waitSweepMs: number;
  /** How long a wait learned after its deadline is given for its end to arrive (see dueAt in @mmt/alerts). */
  readonly lateWaitGraceMs: number;
  readonly mail: MailOptions;
}

/** ALERTS_WAIT_SWEEP_MS (default 15 s), ALERTS_LATE_WAIT_GRACE_MS (default 5 min) and the mail's (mail-options.ts). */
export function alertsOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): AlertsOptions {
  return {
    waitSweepMs: positiveSetting(env, 'ALERTS_WAIT_SWEEP_MS', 15_000, 'whole'),
    lateWaitGraceMs: positiveSetting(env, 'ALERTS_LATE_WAIT_GRACE_MS', DEFAULT_LATE_WAIT_GRACE_MS, 'whole'),
    mail: mailOptionsFromEnv(env),
  };
}
