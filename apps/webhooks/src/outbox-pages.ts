import { canSee } from '@mmt/access';
import {
  matchesFilter,
  ownerPrincipal,
  type DcsaEvent,
  type DeliveryDocument,
  type FeedChange,
  type FeedEvent,
  type SubscriptionDocument,
} from '@mmt/dcsa';

/** The events of a batch still to enqueue, and what an unfinished earlier try of them already enqueued. */
export interface DueEvents {
  /** Each event to enqueue (by eventID), with the feed batch that first wrote it (`dcsa_events.batch`). */
  readonly feedBatchOf: ReadonlyMap<string, string>;
  /** Per subscription, the events already in its outbox: an earlier try enqueued them, then failed. */
  readonly enqueued: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface OutboxInput {
  readonly changes: readonly FeedChange[];
  /** The feed events of each change, as the feed mapped them. */
  readonly written: readonly FeedEvent[][];
  readonly publishedAt: ReadonlyMap<FeedChange, Date>;
  readonly due: DueEvents;
  readonly subscriptions: readonly SubscriptionDocument[];
  /** `<partition>:<first offset>-<last offset>`. */
  readonly batch: string;
  readonly partition: number;
  readonly firstOffset: string;
  readonly pageSize: number;
  readonly now: number;
}

interface Matched {
  readonly events: DcsaEvent[];
  publishedAt: Date;
}

/**
 * Each subscription's pages of a batch: the due events it matches and does not hold yet, of journeys its owner
 * may see, published after it was created, in batch order (the topic's order for each container), at most
 * `pageSize` a page. A page's id names its first event, which no other page of the subscription holds, so a
 * retry's pages never collide with those an earlier try wrote.
 */
export function outboxPages(input: OutboxInput): DeliveryDocument[] {
  const { due, pageSize } = input;
  const pending = new Set(due.feedBatchOf.keys());
  const matched = new Map<string, Matched>();
  for (const [index, change] of input.changes.entries()) {
    const events = input.written[index].filter((event) => pending.has(event._id));
    const published = input.publishedAt.get(change)!;
    for (const subscription of input.subscriptions) {
      if (published < subscription.createdAt || !canSee(ownerPrincipal(subscription), change.journey)) {
        continue;
      }
      const held = due.enqueued.get(subscription._id);
      for (const event of events) {
        if (!held?.has(event._id) && matchesFilter(event.f, subscription.filter)) {
          const entry = matched.get(subscription._id) ?? { events: [], publishedAt: published };
          entry.events.push(event.event);
          entry.publishedAt = entry.publishedAt < published ? entry.publishedAt : published;
          matched.set(subscription._id, entry);
        }
      }
    }
    events.forEach((event) => pending.delete(event._id)); // an event in two updates of the batch goes once
  }
  const order = [
    String(input.now).padStart(15, '0'),
    String(input.partition).padStart(4, '0'),
    input.firstOffset.padStart(20, '0'),
  ].join('/');
  return [...matched].flatMap(([subscriptionId, { events, publishedAt }]) =>
    Array.from({ length: Math.ceil(events.length / pageSize) }, (_, page) => {
      const pageEvents = events.slice(page * pageSize, (page + 1) * pageSize);
      return {
        _id: `${subscriptionId}/${input.batch}/${pageEvents[0].eventID}`,
        subscriptionId,
        feedBatches: [...new Set(pageEvents.map((event) => due.feedBatchOf.get(event.eventID)!))],
        order: `${order}/${String(page).padStart(6, '0')}`,
        events: pageEvents,
        count: pageEvents.length,
        publishedAt,
        delivered: false,
      };
    }),
  );
}
