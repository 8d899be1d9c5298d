import { randomUUID } from 'node:crypto';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { insertNew } from '@mmt/store';
import type { DcsaEvent } from './dcsa-event';

/** One event waiting for (or sent to) one subscription, in `webhook_deliveries`. */
export interface DeliveryDocument {
  /** `<subscriptionID>/<eventID>`: a replayed journey update enqueues nothing twice. */
  _id: string;
  subscriptionId: string;
  /** Sorts a subscription's deliveries in the order the feed read them: each container's in its topic order. */
  order: string;
  containerNo: string;
  event: DcsaEvent;
  /** When the journey update that carried the event was published: where delivery latency is measured from. */
  publishedAt: Date;
  delivered: boolean;
  deliveredAt?: Date;
}

/** One POST to a callback, in `webhook_attempts`: what was sent, what came back, how long it took. */
export interface AttemptDocument {
  _id: string;
  subscriptionId: string;
  at: Date;
  eventIDs: string[];
  outcome: 'DELIVERED' | 'FAILED';
  /** The receiver's HTTP status, when it answered. */
  httpStatus?: number;
  error?: string;
  ms: number;
}

/** `webhook_deliveries` and `webhook_attempts`: the outbox the webhooks service delivers from, and its record. */
export class DeliveriesRepository {
  private readonly deliveries: Collection<DeliveryDocument>;
  private readonly attempts: Collection<AttemptDocument>;

  constructor(connection: Connection) {
    this.deliveries = connection.collection<DeliveryDocument>('webhook_deliveries');
    this.attempts = connection.collection<AttemptDocument>('webhook_attempts');
  }

  async ensureIndexes(): Promise<void> {
    await this.deliveries.createIndex({ subscriptionId: 1, delivered: 1, order: 1 });
    await this.attempts.createIndex({ subscriptionId: 1, at: -1, _id: -1 });
  }

  /** Enqueues deliveries; one already enqueued is a no-op. Returns those it enqueued. */
  enqueue(deliveries: readonly DeliveryDocument[]): Promise<DeliveryDocument[]> {
    return insertNew(this.deliveries, deliveries);
  }

  /** The subscription's next undelivered events, oldest first. */
  pending(subscriptionId: string, limit: number): Promise<DeliveryDocument[]> {
    return this.deliveries.find({ subscriptionId, delivered: false }).sort({ order: 1 }).limit(limit).toArray();
  }

  pendingCount(subscriptionId: string): Promise<number> {
    return this.deliveries.countDocuments({ subscriptionId, delivered: false });
  }

  async markDelivered(ids: readonly string[], at: Date): Promise<void> {
    await this.deliveries.updateMany({ _id: { $in: [...ids] } }, { $set: { delivered: true, deliveredAt: at } });
  }

  async record(attempt: Omit<AttemptDocument, '_id'>): Promise<void> {
    await this.attempts.insertOne({ _id: randomUUID(), ...attempt });
  }

  /** The subscription's delivery attempts, newest first, before `before` (an attempt's at and id) when given. */
  attemptsOf(subscriptionId: string, limit: number, before?: { at: Date; id: string }): Promise<AttemptDocument[]> {
    const page =
      before === undefined ? {} : { $or: [{ at: { $lt: before.at } }, { at: before.at, _id: { $lt: before.id } }] };
    return this.attempts
      .find({ subscriptionId, ...page })
      .sort({ at: -1, _id: -1 })
      .limit(limit)
      .toArray();
  }

  /** Forgets a removed subscription's deliveries and attempts. */
  async removeSubscription(subscriptionId: string): Promise<void> {
    await this.deliveries.deleteMany({ subscriptionId });
    await this.attempts.deleteMany({ subscriptionId });
  }
}
