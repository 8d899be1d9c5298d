import { atFailpoint } from '@mmt/config';
import type { AlertChange, Notice } from '@mmt/contracts';
import {
  afterWrite,
  alertOf,
  noticeDocument,
  noticeOf,
  type AlertDocument,
  type AlertWrite,
  type NoticeDocument,
} from './alert-documents';
import type { AlertStores } from './alert-stores';
import { AlertChangedMeanwhile } from './alerts.repository';
import type { AlertsDependencies } from './apply-journey-alerts';
import type { StoredNotice } from './journey-notices';

/**
 * The stored alert or notice is its own outbox. Each change is stored first, with the message it owes the topic
 * (`pending`); then every message the batch's alerts and notices owe is sent; then the store forgets what was sent.
 *
 * - A failure before the send (a store write, or the send itself): nothing reached a receiver; the retry reads the
 *   stored state, whatever of it was written, and sends what is owed, the same messages with the same times.
 * - A failure after the send (its answer lost, or the store did not forget): the retry sends the owed messages
 *   again. A copy is the same message, with the same identity (alert id, change and `changedAt`; notice id,
 *   `issuedAt` and `addedOrgIds`): a receiver that keeps the identities it has seen drops it. No store can share a
 *   transaction with the broker, so a message can be on the topic twice.
 * - Two instances at once: an undeclared load is judged by the batch of any container on its conveyance, so an
 *   instance can read an alert that another has stored and is still sending, and send what it owes too: again a
 *   copy, with the same identity. Never a second raise: a new alert is inserted by one of them only, and a cleared
 *   one reopened only by the one that finds it still cleared (see AlertWrite).
 */

/** How many times a batch or sweep is judged before a change made meanwhile fails it. */
const MAX_JUDGEMENTS = 5;

/** Runs a write step unless it has nothing to write (so that a failpoint fails a write that has work). */
export function writeStep<T>(step: string, items: readonly unknown[], write: () => Promise<T>, nothing: T): Promise<T> {
  return items.length === 0 ? Promise.resolve(nothing) : atFailpoint(step, write);
}

/** The alerts as the writes leave them: the inserted ones (only those the insert made), the written ones. */
export function alertsAfter(
  stored: ReadonlyMap<string, AlertDocument>,
  inserted: readonly AlertDocument[],
  writes: readonly AlertWrite[],
): AlertDocument[] {
  const after = new Map(stored);
  inserted.forEach((document) => after.set(document._id, document));
  for (const write of writes) {
    const id = 'replace' in write ? write.replace._id : write.alertId;
    const before = after.get(id);
    if (before !== undefined) {
      after.set(id, afterWrite(before, write));
    }
  }
  return [...after.values()];
}

/** The notices as the writes leave them. */
export function noticesAfter(
  stored: ReadonlyMap<string, NoticeDocument>,
  inserted: readonly NoticeDocument[],
  replaced: readonly StoredNotice[],
): NoticeDocument[] {
  const after = new Map(stored);
  inserted.forEach((document) => after.set(document._id, document));
  replaced.forEach((notice) => after.set(notice.noticeId, noticeDocument(notice)));
  return [...after.values()];
}

const changeOf = (document: AlertDocument): AlertChange => ({
  change: document.pending!.change,
  alert: alertOf(document),
  changedAt: document.pending!.changedAt,
});

const sendsOf = (document: NoticeDocument): Notice[] =>
  (document.pending ?? []).map((send) => ({
    ...noticeOf(document),
    ...(send.addedOrgIds === undefined ? {} : { addedOrgIds: send.addedOrgIds }),
  }));

/**
 * Sends what the stored alerts still owe (left by a failed batch, or being sent by another instance right now) before
 * a batch changes any of them, and gives them back as they are once sent: a change written over an unsent one would
 * lose it (see AlertWrite).
 */
export async function sendOwedFirst(
  deps: Parameters<typeof sendPending>[0],
  stored: ReadonlyMap<string, AlertDocument>,
): Promise<Map<string, AlertDocument>> {
  const owed = [...stored.values()].filter((a) => a.pending !== undefined);
  await sendPending(deps, owed, []);
  const sent = new Map(stored);
  for (const { pending, ...alert } of owed) {
    void pending;
    sent.set(alert._id, alert);
  }
  return sent;
}

/**
 * Judges again, from what is stored now, while a write finds its alert changed since it was read (another instance
 * judging it too, or a person acknowledging it); what the first judgement stored and still owes is sent by the next.
 * Gives up after a few judgements, failing the batch or sweep, which is then tried again.
 */
export async function judgedUntilUnchanged<T>(judge: () => Promise<T>): Promise<{ result: T; rejudged: number }> {
  for (let rejudged = 0; ; rejudged += 1) {
    try {
      return { result: await judge(), rejudged };
    } catch (error) {
      if (!(error instanceof AlertChangedMeanwhile) || rejudged + 1 >= MAX_JUDGEMENTS) {
        throw error;
      }
    }
  }
}

/** Sends what these alerts and notices owe their topics, then has the store forget it; alerts first. */
export async function sendPending(
  deps: { readonly stores: Pick<AlertStores, 'alerts' | 'notices'>; readonly publish: AlertsDependencies['publish'] },
  alerts: readonly AlertDocument[],
  notices: readonly NoticeDocument[],
): Promise<void> {
  const owedAlerts = alerts.filter((a) => a.pending !== undefined);
  if (owedAlerts.length > 0) {
    await atFailpoint('alerts.publishAlerts', () => deps.publish(owedAlerts.map(changeOf), []));
    await atFailpoint('alerts.markAlertsSent', () => deps.stores.alerts.markAlertsSent(owedAlerts));
  }
  const owedNotices = notices.filter((n) => (n.pending ?? []).length > 0);
  if (owedNotices.length > 0) {
    await atFailpoint('alerts.publishNotices', () => deps.publish([], owedNotices.flatMap(sendsOf)));
    await atFailpoint('alerts.markNoticesSent', () => deps.stores.notices.markNoticesSent(owedNotices));
  }
}
