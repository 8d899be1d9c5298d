import { canSee } from '@mmt/access';
import {
  matchesFilter,
  ownerPrincipal,
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
  readonly pageSize: number;
}

interface Matched {
  readonly events: FeedEvent[];
  publishedAt: Date;
}

/**
 * Where a page sorts in its subscription's outbox: by the feed position of its first event, so a subscription
 * receives events in the feed's order, which keeps each container's events in the order they were accepted.
 * (The `p` sorts these after the pages of stores written before positions, which sorted by the time enqueued.)
 */
export const deliveryOrder = (first: FeedEvent) => `p${String(first.pos).padStart(17, '0')}`;

/**
 * Each subscription's pages of a batch: the due events it matches and does not hold yet, of journeys its owner
 * may see, published after it was created, in feed order (each container's in the order accepted), at most
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
          entry.events.push(event);
          entry.publishedAt = entry.publishedAt < published ? entry.publishedAt : published;
          matched.set(subscription._id, entry);
        }
      }
    }
    events.forEach((event) => pending.delete(event._id)); // an event in two updates of the batch goes once
  }
  return [...matched].flatMap(([subscriptionId, { events: unsorted, publishedAt }]) => {
    const events = unsorted.sort((a, b) => a.pos - b.pos);
    return Array.from({ length: Math.ceil(events.length / pageSize) }, (_, page) => {
      const pageEvents = events.slice(page * pageSize, (page + 1) * pageSize);
      return {
        _id: `${subscriptionId}/${input.batch}/${pageEvents[0]._id}`,
        subscriptionId,
        feedBatches: [...new Set(pageEvents.map((event) => due.feedBatchOf.get(event._id)!))],
        order: deliveryOrder(pageEvents[0]),
        events: pageEvents.map((event) => event.event),
        count: pageEvents.length,
        publishedAt,
        delivered: false,
      };
    });
  });
}
