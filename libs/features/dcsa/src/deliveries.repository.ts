import type { Connection } from 'mongoose';
import { CollectionsRepository, findIn, insertNew } from '@mmt/store';
import type { DcsaEvent } from './dcsa-event';

/**
 * Events waiting for (or sent to) one subscription, in `webhook_deliveries`: a page of at most one
 * notification's events, those of one batch of journey updates that the subscription matched. An event is in at
 * most one page of a subscription (FeedService keeps it so).
 */
export interface DeliveryDocument {
  /**
   * `<subscriptionID>/<batch>/<eventID of its first event>`: since an event is in one page of a subscription at
   * most, no two pages share an id, whatever the batch cut, and a page a retry adds never collides with one an
   * earlier try of the batch wrote.
   */
  _id: string;
  subscriptionId: string;
  /**
   * The feed batches (`dcsa_events.batch`) of its events: a batch read again that finds some of its events' feed
   * batches unmarked looks up the pages holding them, to enqueue only what they do not hold.
   */
  feedBatches: string[];
  /** Sorts a subscription's pages in the order the feed read them: each container's events in topic order. */
  order: string;
  events: DcsaEvent[];
  count: number;
  /** When the earliest journey update of the page was published: where delivery latency is measured from. */
  publishedAt: Date;
  delivered: boolean;
  deliveredAt?: Date;
}

/** A batch the feed has enqueued every event of, in `webhook_batches`: a replay enqueues its events no more. */
interface BatchMarker {
  _id: string;
  at: Date;
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
export class DeliveriesRepository extends CollectionsRepository {
  private readonly deliveries = this.collection<DeliveryDocument>('webhook_deliveries');
  private readonly attempts = this.collection<AttemptDocument>('webhook_attempts');
  private readonly batches = this.collection<BatchMarker>('webhook_batches');

  constructor(connection: Connection) {
    super(connection, {
      // A subscription's pages to send, in order; the pages holding a feed batch's events.
      webhook_deliveries: [{ subscriptionId: 1, delivered: 1, order: 1 }, { feedBatches: 1 }],
      // A subscription's attempts, newest first.
      webhook_attempts: [{ subscriptionId: 1, at: -1, _id: -1 }],
    });
  }

  /** Enqueues pages; a page already enqueued is a no-op (its id names its first event, which no other page holds). */
  async enqueue(pages: readonly DeliveryDocument[]): Promise<void> {
    await insertNew(this.deliveries, pages);
  }

  /**
   * Marks a batch (`<partition>:<first offset>-<last offset>`) as enqueued: every event the feed holds with this
   * batch is in the outbox of every subscription that matches it. Only a try that read exactly this range wrote
   * such events, so the mark never stands for events its batch did not enqueue.
   */
  async markEnqueued(batch: string): Promise<void> {
    await insertNew(this.batches, [{ _id: batch, at: new Date() }]);
  }

  /** Which of these batches have every event enqueued. */
  async enqueuedBatches(batches: readonly string[]): Promise<Set<string>> {
    return new Set((await findIn(this.batches, '_id', [...new Set(batches)])).map((marker) => marker._id));
  }

  /** The events already enqueued, by subscription, of these (unmarked) feed batches: what a retry must not add again. */
  async enqueuedOf(feedBatches: readonly string[]): Promise<Map<string, Set<string>>> {
    const pages = await findIn(this.deliveries, 'feedBatches', [...new Set(feedBatches)], {
      subscriptionId: 1,
      'events.eventID': 1,
    });
    const enqueued = new Map<string, Set<string>>();
    for (const page of pages) {
      const events = enqueued.get(page.subscriptionId) ?? new Set<string>();
      page.events.forEach((event) => events.add(event.eventID));
      enqueued.set(page.subscriptionId, events);
    }
    return enqueued;
  }

  /** The subscription's next undelivered pages, oldest first, as many as make at most `maxEvents` events (one at least). */
  async pending(subscriptionId: string, maxEvents: number): Promise<DeliveryDocument[]> {
    const pages: DeliveryDocument[] = [];
    let events = 0;
    const cursor = this.deliveries.find({ subscriptionId, delivered: false }).sort({ order: 1 }).limit(maxEvents);
    for await (const page of cursor) {
      if (pages.length > 0 && events + page.count > maxEvents) {
        break;
      }
      pages.push(page);
      events += page.count;
    }
    await cursor.close();
    return pages;
  }

  async pendingCount(subscriptionId: string): Promise<number> {
    const pages = await this.deliveries
      .find({ subscriptionId, delivered: false }, { projection: { count: 1 } })
      .toArray();
    return pages.reduce((sum, page) => sum + page.count, 0);
  }

  async markDelivered(ids: readonly string[], at: Date): Promise<void> {
    await this.deliveries.updateMany({ _id: { $in: [...ids] } }, { $set: { delivered: true, deliveredAt: at } });
  }

  /** Records an attempt once: its id (the first page sent and when) makes recording it again a no-op. */
  async record(attempt: AttemptDocument): Promise<void> {
    await insertNew(this.attempts, [attempt]);
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
