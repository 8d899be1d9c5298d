import { DEFAULT_LATE_WAIT_GRACE_MS } from '@mmt/alerts';
import { positiveSetting } from '@mmt/platform';

export const ALERTS_OPTIONS = Symbol('ALERTS_OPTIONS');

/** The clock that raises cold-chain waits. */
export interface AlertsOptions {
  /** How often the service looks for waits that have run past their limit. */
  readonly waitSweepMs: number;
  /** How long a wait learned after its deadline is given for its end to arrive (see dueAt in @mmt/alerts). */
  readonly lateWaitGraceMs: number;
}

/** ALERTS_WAIT_SWEEP_MS (default 15 s) and ALERTS_LATE_WAIT_GRACE_MS (default 5 min). */
export function alertsOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): AlertsOptions {
  return {
    waitSweepMs: positiveSetting(env, 'ALERTS_WAIT_SWEEP_MS', 15_000, 'whole'),
    lateWaitGraceMs: positiveSetting(env, 'ALERTS_LATE_WAIT_GRACE_MS', DEFAULT_LATE_WAIT_GRACE_MS, 'whole'),
  };
}
