import type { Collection, Connection } from 'mongoose';
import { CollectionsRepository, findIn, insertNew, upsertAllById } from '@mmt/store';
import type { NotificationDocument, NotificationEmail } from './watch';

/**
 * `watch_etas`: per watch and journey, the ETA that ETA_CHANGED is measured from: the one when following (noted by
 * the gateway), then each one notified; a journey without one then takes the first ETA it gets.
 */
interface WatchEtaDocument {
  /** `<watchId>|<journeyId>`. */
  readonly _id: string;
  readonly eta: string;
}

export const etaKey = (watchId: string, journeyId: string) => `${watchId}|${journeyId}`;

/**
 * The notifications of watches and the e-mail of each: added once (their `_id` is the idempotence key), read by
 * their follower in the app, and handed to one mail sender at a time (a lease) until sent.
 */
export class NotificationsRepository extends CollectionsRepository {
  private readonly notifications: Collection<NotificationDocument>;
  private readonly etas: Collection<WatchEtaDocument>;

  constructor(connection: Connection) {
    super(connection, {
      notifications: [
        { keyId: 1, createdAt: -1 },
        { 'email.state': 1, 'email.nextAttemptAt': 1 },
      ],
      watch_etas: [],
    });
    this.notifications = this.collection<NotificationDocument>('notifications');
    this.etas = this.collection<WatchEtaDocument>('watch_etas');
  }

  /** Adds the notifications not known yet and returns those it added: a known one is left as it is. */
  add(notifications: readonly NotificationDocument[]): Promise<NotificationDocument[]> {
    return insertNew(this.notifications, notifications);
  }

  /** The ETA last notified for each `<watchId>|<journeyId>` asked for that has one. */
  async etasOf(keys: readonly string[]): Promise<Map<string, string>> {
    const found = await findIn(this.etas, '_id', keys);
    return new Map(found.map((entry) => [entry._id, entry.eta]));
  }

  async noteEtas(etas: ReadonlyMap<string, string>): Promise<void> {
    await upsertAllById(
      this.etas,
      [...etas].map(([_id, eta]) => ({ _id, eta })),
    );
  }

  /** A key holder's notifications, the newest first. */
  ofFollower(keyId: string, first: number): Promise<NotificationDocument[]> {
    return this.notifications.find({ keyId }).sort({ createdAt: -1, _id: 1 }).limit(first).toArray();
  }

  /** The ids of e-mails due now (pending, their next try come), the oldest first; at most `limit`. */
  async dueMail(now: Date, limit: number): Promise<string[]> {
    const due = await this.notifications
      .find(
        { 'email.state': 'PENDING', 'email.nextAttemptAt': { $lte: now } },
        { projection: { _id: 1, 'email.leaseUntil': 1 } },
      )
      .sort({ 'email.nextAttemptAt': 1 })
      .limit(limit)
      .toArray();
    return due.filter((n) => n.email.leaseUntil === undefined || n.email.leaseUntil <= now).map((n) => n._id);
  }

  /** How many e-mails are waiting to be sent (a gauge for /metrics and readiness). */
  pendingMail(): Promise<number> {
    return this.notifications.countDocuments({ 'email.state': 'PENDING' });
  }

  /** The notification, if its e-mail is still pending and no other sender holds it: now held until `until`. */
  async claim(id: string, now: Date, until: Date): Promise<NotificationDocument | undefined> {
    return (
      (await this.notifications.findOneAndUpdate(
        {
          _id: id,
          'email.state': 'PENDING',
          $or: [{ 'email.leaseUntil': { $exists: false } }, { 'email.leaseUntil': { $lte: now } }],
        },
        { $set: { 'email.leaseUntil': until } },
        { returnDocument: 'after' },
      )) ?? undefined
    );
  }

  /** Records how the e-mail now stands (sent, failed for good, off, or pending its next try); the lease ends. */
  async recordEmail(id: string, email: NotificationEmail): Promise<void> {
    await this.notifications.updateOne({ _id: id }, { $set: { email } });
  }
}
