import { atFailpoint } from '@mmt/config';
import { alertDocument, type AlertWrite, type PendingAlertChange } from './alert-documents';
import { raisedAlerts, type AlertsDependencies } from './apply-journey-alerts';
import { alertsAfter, judgedUntilUnchanged, sendOwedFirst, sendPending, writeStep } from './pending-sends';

/** How many due waits one sweep raises at most; the next sweep takes the rest. */
const SWEEP_LIMIT = 1_000;

/**
 * The clock's part: raises the COLD_CHAIN_WAITING alert of every wait due by `now` that is still waiting (stored,
 * then sent: see pending-sends.ts), then marks the waits raised. A failure anywhere leaves the waits due: the next
 * sweep sends what the stored alerts still owe and raises nothing twice. Must not run beside applyJourneyAlerts on
 * the same journeys (the alerts service runs the two one after the other). Another instance's batch or sweep may
 * run beside it: an alert that it changed meanwhile is judged again (see AlertWrite), and a wait that its batch
 * wrote back as not raised finds its alert open on the next sweep.
 */
export async function raiseDueWaits(deps: AlertsDependencies, now: Date): Promise<number> {
  return (await judgedUntilUnchanged(() => raiseDue(deps, now))).result;
}

async function raiseDue(deps: AlertsDependencies, now: Date): Promise<number> {
  const { alerts, coldChainWaits } = deps.stores;
  const due = await coldChainWaits.due(now, SWEEP_LIMIT);
  if (due.length === 0) {
    return 0;
  }
  const read = new Map((await alerts.alertsById(due.map((w) => w._id))).map((a) => [a.alertId, a]));
  const stored = await sendOwedFirst(deps, read);
  const { inserted, reopened } = raisedAlerts(
    due.map((w) => w.condition),
    stored,
    now.toISOString(),
  );
  const raising: PendingAlertChange = { change: 'RAISED', changedAt: now.toISOString() };
  const newAlerts = inserted.map((alert) => alertDocument(alert, raising));
  const writes: AlertWrite[] = reopened.map((alert) => ({ replace: alertDocument(alert, raising), from: 'CLEARED' }));
  const insertedAlerts = await writeStep('alerts.insertAlerts', newAlerts, () => alerts.insertAlerts(newAlerts), []);
  await writeStep('alerts.updateAlerts', writes, () => alerts.updateAlerts(writes), undefined);
  await sendPending(deps, alertsAfter(stored, insertedAlerts, writes), []);
  await atFailpoint('alerts.markWaitsRaised', () => coldChainWaits.markRaised(due.map((w) => w._id)));
  return newAlerts.length + writes.length;
}
