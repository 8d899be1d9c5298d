import { logLine } from './logger';

/** How long a service may take to stop after SIGTERM or SIGINT before it exits anyway: MMT_SHUTDOWN_GRACE_MS. */
export const DEFAULT_SHUTDOWN_GRACE_MS = 15_000;

/**
 * Makes a stop signal end the process within a deadline. Nest closes the app on the signal (consumers leave their
 * groups, producers flush); with the broker or the store gone, those calls retry for a long time, and a service
 * that does not exit holds up a deploy or a supervisor's restart. Nothing is lost by exiting then: offsets are
 * committed only after a batch's writes, so the batch in flight is read again by the next owner.
 */
export function exitWithinGrace(service: string, env: NodeJS.ProcessEnv = process.env): void {
  const graceMs = Number(env.MMT_SHUTDOWN_GRACE_MS ?? DEFAULT_SHUTDOWN_GRACE_MS);
  const onSignal = (signal: NodeJS.Signals) => {
    setTimeout(() => {
      logLine(service, 'error', `${service} did not stop within ${graceMs} ms of ${signal}: exiting now`, {
        signal,
        graceMs,
      });
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }, graceMs).unref();
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
