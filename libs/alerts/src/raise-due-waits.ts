import { raisedAlerts, type AlertsDependencies } from './apply-journey-alerts';

/** How many due waits one sweep raises at most; the next sweep takes the rest. */
const SWEEP_LIMIT = 1_000;

/**
 * The clock's part: raises the COLD_CHAIN_WAITING alert of every wait due by `now` that is still waiting, then
 * marks the waits raised. A crash in between raises them again on the next sweep, with the same ids. Must not run
 * beside applyJourneyAlerts on the same journeys (the alerts service runs the two one after the other).
 */
export async function raiseDueWaits(deps: AlertsDependencies, now: Date): Promise<number> {
  const { repository } = deps;
  const due = await repository.dueWaits(now, SWEEP_LIMIT);
  if (due.length === 0) {
    return 0;
  }
  const stored = new Map((await repository.alertsById(due.map((w) => w._id))).map((a) => [a.alertId, a]));
  const { changes, inserted, reopened } = raisedAlerts(
    due.map((w) => w.condition),
    stored,
    now.toISOString(),
  );
  if (changes.length > 0) {
    await deps.publish(changes, []);
  }
  await repository.insertAlerts(inserted);
  await repository.setAlertFields(reopened.map((alert) => ({ alertId: alert.alertId, fields: alert })));
  await repository.markWaitsRaised(due.map((w) => w._id));
  return changes.length;
}
