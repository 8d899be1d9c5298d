import { canSee } from '@mmt/access';
import { atFailpoint } from '@mmt/config';
import type { Journey, JourneyUpdate, TrackingEvent } from '@mmt/contracts';
import { etaKey, type NotificationsRepository } from './notifications.repository';
import { etaMoved, watchNotifications } from './watch-notifications';
import { targetKey, type NotificationDocument, type WatchDocument } from './watch';
import type { WatchesRepository } from './watches.repository';

export interface NotifyDependencies {
  readonly watches: WatchesRepository;
  readonly notifications: NotificationsRepository;
  /** The events an update added (the update's own, or read from the event log when it left them out). */
  readonly addedBy: (update: JourneyUpdate) => Promise<readonly TrackingEvent[]>;
  /** False when no SMTP server is configured: notifications are then shown in the app only. */
  readonly mailOn: boolean;
  readonly now: () => Date;
}

/** The targets a journey answers to: its container, and its bills of lading and waybills. */
export function targetsOf(journey: Journey): string[] {
  return [
    targetKey('CONTAINER', journey.containerNo),
    ...journey.documents
      .filter((document) => document.type === 'BILL_OF_LADING' || document.type === 'WAYBILL')
      .map((document) => targetKey(document.type as 'BILL_OF_LADING' | 'WAYBILL', document.ref)),
  ];
}

/** Whether the watch's follower may see the journey, by the same rule as every query (an organisation's journeys). */
const followerSees = (watch: WatchDocument, journey: Journey) =>
  canSee({ ...watch.follower, name: watch.follower.keyId }, journey);

/**
 * Adds the notifications a batch of journey updates owes the watches on their containers and documents, then notes
 * the ETAs they were measured from, in that order: a batch read again finds its notifications by their ids (added
 * nothing twice), and an ETA is only marked once what it notified is stored. Returns the notifications added.
 */
export async function notifyWatchers(
  dependencies: NotifyDependencies,
  updates: readonly JourneyUpdate[],
): Promise<NotificationDocument[]> {
  const keysOf = new Map(updates.map((update) => [update, targetsOf(update.journey)]));
  const watches = await dependencies.watches.onTargets([...new Set([...keysOf.values()].flat())]);
  if (watches.length === 0) {
    return [];
  }
  const pairs = updates.flatMap((update) =>
    watches
      .filter((watch) => keysOf.get(update)?.includes(watch.targetKey) && followerSees(watch, update.journey))
      .map((watch) => ({ update, watch })),
  );
  const marks = await dependencies.notifications.etasOf([
    ...new Set(pairs.map(({ update, watch }) => etaKey(watch._id, update.journey.journeyId))),
  ]);
  const changedMarks = new Map<string, string>();
  // Read once per update, however many watches it concerns (the event log is read when the update left them out).
  const addedBy = new Map<JourneyUpdate, Promise<readonly TrackingEvent[]>>();
  const found: NotificationDocument[] = [];
  const createdAt = dependencies.now();
  for (const { update, watch } of pairs) {
    const { journey } = update;
    const key = etaKey(watch._id, journey.journeyId);
    const before = marks.get(key);
    if (!addedBy.has(update)) {
      addedBy.set(update, dependencies.addedBy(update));
    }
    const added = await addedBy.get(update)!;
    for (const draft of watchNotifications(watch, journey, added, before, update.publishedAt)) {
      const mailed = dependencies.mailOn && watch.emailOn && watch.email !== undefined;
      found.push({
        ...draft,
        createdAt,
        email: mailed
          ? { state: 'PENDING', to: watch.email, tries: 0, nextAttemptAt: createdAt }
          : { state: 'OFF', tries: 0 },
      });
    }
    if (journey.eta !== undefined && (before === undefined || etaMoved(watch, before, journey.eta))) {
      marks.set(key, journey.eta);
      changedMarks.set(key, journey.eta);
    }
  }
  const inserted = await atFailpoint('alerts.addNotifications', () => dependencies.notifications.add(found));
  if (changedMarks.size > 0) {
    await atFailpoint('alerts.noteEtas', () => dependencies.notifications.noteEtas(changedMarks));
  }
  return inserted;
}
