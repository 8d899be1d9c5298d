import type { AnyBulkWriteOperation, Collection, Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import type { Principal } from '@mmt/access';
import type { Journey, TrackingEvent } from '@mmt/contracts';
import { bulkWriteInChunks, findIn, insertNew, orgKey } from '@mmt/store';
import type { DcsaEvent } from './dcsa-event';
import { filterQuery, type EventFilter } from './event-filter';
import { filterFields, toDcsaEvent, type FilterFields } from './to-dcsa-event';

/** One DCSA event of one container's journey in `dcsa_events`: what `GET /v2/events` reads. */
export interface FeedEvent {
  /** The DCSA eventID. */
  _id: string;
  containerNo: string;
  /** The canonical event it was mapped from (every version of it shares this id). */
  eventId: string;
  journeyId: string;
  /** The journey's parties (orgKey), for the same scope as GraphQL's. */
  orgKeys: string[];
  createdAt: Date;
  at: Date;
  f: FilterFields;
  event: DcsaEvent;
  /** The batch of journey updates that wrote it (`<partition>:<first offset>`): see DeliveriesRepository. */
  batch: string;
}

/** A journey change as the feed applies it: the journey after it and the events it added. */
export interface FeedChange {
  readonly journey: Journey;
  readonly added: readonly TrackingEvent[];
}

export interface DateBounds {
  readonly gte?: Date;
  readonly gt?: Date;
  readonly lte?: Date;
  readonly lt?: Date;
}

export interface FeedQuery {
  readonly filter: EventFilter;
  readonly eventCreatedDateTime?: DateBounds;
  readonly eventDateTime?: DateBounds;
  /** The last event of the previous page: the page starts after it. */
  readonly after?: { readonly createdAt: Date; readonly id: string };
  readonly limit: number;
}

/** Each DCSA event of a change, with the fields it is filtered on; events DCSA has no form for are left out. */
export function feedEventsOf({ journey, added }: FeedChange, batch: string): FeedEvent[] {
  return added.flatMap((source) => {
    const event = toDcsaEvent(source);
    return event === undefined
      ? []
      : [
          {
            _id: event.eventID,
            containerNo: journey.containerNo,
            eventId: source.eventId,
            journeyId: journey.journeyId,
            orgKeys: journey.orgIds.map(orgKey),
            createdAt: new Date(source.eventCreatedDateTime),
            at: new Date(source.eventDateTime),
            f: filterFields(source, event),
            event,
            batch,
          },
        ];
  });
}

const dateRange = (bounds: DateBounds) =>
  Object.fromEntries(Object.entries(bounds).flatMap(([op, date]) => (date === undefined ? [] : [[`$${op}`, date]])));

/**
 * `dcsa_events`: the partner feed, the platform's events in DCSA form, one document per version of an event on
 * a journey, written by the webhooks service from `journey.updates.v1`. Pages are in (eventCreatedDateTime,
 * eventID) order from one of four indexes: by container, by transport document, by party, or all.
 */
export class EventFeedRepository {
  private readonly collection: Collection<FeedEvent>;

  constructor(connection: Connection) {
    this.collection = connection.collection<FeedEvent>('dcsa_events');
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ containerNo: 1, createdAt: 1, _id: 1 });
    await this.collection.createIndex({ 'f.transportDocumentReference': 1, createdAt: 1, _id: 1 });
    await this.collection.createIndex({ orgKeys: 1, createdAt: 1, _id: 1 });
    await this.collection.createIndex({ createdAt: 1, _id: 1 });
  }

  /**
   * Applies journey changes: inserts their new events (a known one is a no-op, so replays change nothing) and
   * returns the feed events of each change and those it inserted,
   * removes retracted ones, and, where a change brought documents (a shipment event or a retraction, which is
   * what moves events between journeys and changes parties), gives the journey's earlier events its id and
   * parties.
   */
  async apply(
    changes: readonly FeedChange[],
    batch: string,
  ): Promise<{ written: FeedEvent[][]; inserted: FeedEvent[] }> {
    const written = changes.map((change) => feedEventsOf(change, batch));
    const inserted = await insertNew(this.collection, written.flat());
    const operations: AnyBulkWriteOperation<FeedEvent>[] = [];
    for (const { journey, added } of changes) {
      for (const event of added) {
        if (event.eventType === 'RETRACTION') {
          operations.push({
            deleteMany: { filter: { containerNo: journey.containerNo, eventId: event.retractsEventId } },
          });
        }
      }
      if (added.some((event) => event.eventType === 'SHIPMENT' || event.eventType === 'RETRACTION')) {
        const orgKeys = journey.orgIds.map(orgKey);
        operations.push({
          updateMany: {
            filter: {
              containerNo: journey.containerNo,
              eventId: { $in: [...journey.eventIds] },
              $or: [{ journeyId: { $ne: journey.journeyId } }, { orgKeys: { $ne: orgKeys } }],
            },
            update: { $set: { journeyId: journey.journeyId, orgKeys } },
          },
        });
      }
    }
    await bulkWriteInChunks(this.collection, operations);
    return { written, inserted };
  }

  /** The batch that first wrote each of these events, by eventID. */
  async batchesOf(ids: readonly string[]): Promise<Map<string, string>> {
    const found = await findIn(this.collection, '_id', [...new Set(ids)], { batch: 1 });
    return new Map(found.map((event) => [event._id, event.batch]));
  }

  /** One page of the events the principal may see that pass the query, in (createdAt, eventID) order. */
  async page(principal: Principal, query: FeedQuery): Promise<FeedEvent[]> {
    const filter: Filter<FeedEvent> = filterQuery(query.filter, 'f.');
    const createdAt = { ...dateRange(query.eventCreatedDateTime ?? {}) };
    if (query.eventDateTime !== undefined) {
      filter.at = dateRange(query.eventDateTime);
    }
    if (principal.role !== 'PORT_OFFICE') {
      filter.orgKeys = orgKey(principal.orgId);
    }
    const equipment = query.filter.equipmentReference?.[0];
    if (equipment !== undefined) {
      filter.containerNo = equipment;
    }
    const conditions: Filter<FeedEvent>[] = [filter];
    if (Object.keys(createdAt).length > 0) {
      conditions.push({ createdAt });
    }
    if (query.after !== undefined) {
      const { createdAt: at, id } = query.after;
      conditions.push({ $or: [{ createdAt: { $gt: at } }, { createdAt: at, _id: { $gt: id } }] });
    }
    const hint =
      equipment !== undefined
        ? { containerNo: 1, createdAt: 1, _id: 1 }
        : query.filter.transportDocumentReference !== undefined
          ? { 'f.transportDocumentReference': 1, createdAt: 1, _id: 1 }
          : principal.role !== 'PORT_OFFICE'
            ? { orgKeys: 1, createdAt: 1, _id: 1 }
            : { createdAt: 1, _id: 1 };
    return this.collection
      .find(conditions.length === 1 ? filter : { $and: conditions })
      .hint(hint)
      .sort({ createdAt: 1, _id: 1 })
      .limit(query.limit)
      .toArray();
  }

  /** How many events the feed holds: for tests and drains. */
  count(): Promise<number> {
    return this.collection.countDocuments();
  }
}
