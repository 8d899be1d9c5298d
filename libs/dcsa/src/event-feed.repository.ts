import type { Collection, Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import type { Principal } from '@mmt/access';
import type { Journey, TrackingEvent } from '@mmt/contracts';
import { bulkWriteInChunks, findIn, insertNew, MAX_IN_VALUES, orgKey } from '@mmt/store';
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
  /**
   * The batch of journey updates that first wrote it, `<partition>:<first offset>-<last offset>`: the whole range,
   * so that a batch's mark in `webhook_batches` stands for exactly the events its try wrote (see FeedService).
   */
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

/** The journey an event of the feed belongs to, and its parties. */
type Owner = Pick<FeedEvent, 'journeyId' | 'orgKeys'>;

const sameKeys = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((k, i) => k === b[i]);

function chunks<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
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

  /** Inserts the changes' new events and relinks (see `insert` and `relink`). */
  async apply(
    changes: readonly FeedChange[],
    batch: string,
  ): Promise<{ written: FeedEvent[][]; inserted: FeedEvent[] }> {
    const result = await this.insert(changes, batch);
    await this.relink(changes);
    return result;
  }

  /**
   * Inserts the changes' events that the feed does not hold yet: a known eventID is a no-op, so a replay or a
   * retry changes nothing, and what is inserted is what is new to the feed. Returns each change's feed events
   * (stamped with this batch) and those inserted.
   */
  async insert(
    changes: readonly FeedChange[],
    batch: string,
  ): Promise<{ written: FeedEvent[][]; inserted: FeedEvent[] }> {
    const written = changes.map((change) => feedEventsOf(change, batch));
    const inserted = await insertNew(this.collection, written.flat());
    return { written, inserted };
  }

  /**
   * Removes retracted events and, where a change brought documents (a shipment event or a retraction, which is
   * what moves events between journeys and changes parties), gives the journey's events its id and parties: the
   * last such change of the batch that lists an event decides. The containers' events are read once, by the
   * container index, and only those that differ are written, so a batch costs a few reads instead of an update
   * per change (an update matching on `$or`/`$ne` scanned the whole collection: seconds a batch, growing with it).
   * Sets absolute values, so a retry or a replay ends the same.
   */
  async relink(changes: readonly FeedChange[]): Promise<void> {
    const retracted = changes.flatMap(({ journey, added }) =>
      added.flatMap((event) =>
        event.eventType === 'RETRACTION'
          ? [{ deleteMany: { filter: { containerNo: journey.containerNo, eventId: event.retractsEventId } } }]
          : [],
      ),
    );
    await bulkWriteInChunks(this.collection, retracted);
    /** Per container, per event, the journey it belongs to after this batch. */
    const target = new Map<string, Map<string, Owner>>();
    for (const { journey, added } of changes) {
      if (added.some((event) => event.eventType === 'SHIPMENT' || event.eventType === 'RETRACTION')) {
        const owner = { journeyId: journey.journeyId, orgKeys: journey.orgIds.map(orgKey) };
        const events = target.get(journey.containerNo) ?? new Map<string, Owner>();
        journey.eventIds.forEach((id) => events.set(id, owner));
        target.set(journey.containerNo, events);
      }
    }
    if (target.size === 0) {
      return;
    }
    const stored = await findIn(this.collection, 'containerNo', [...target.keys()], {
      containerNo: 1,
      eventId: 1,
      journeyId: 1,
      orgKeys: 1,
    });
    const moves = new Map<string, { owner: Owner; ids: string[] }>();
    for (const event of stored) {
      const owner = target.get(event.containerNo)?.get(event.eventId);
      if (owner !== undefined && (event.journeyId !== owner.journeyId || !sameKeys(event.orgKeys, owner.orgKeys))) {
        const key = JSON.stringify(owner);
        const move = moves.get(key) ?? { owner, ids: [] };
        move.ids.push(event._id);
        moves.set(key, move);
      }
    }
    await bulkWriteInChunks(
      this.collection,
      [...moves.values()].flatMap(({ owner, ids }) =>
        chunks(ids, MAX_IN_VALUES).map((some) => ({
          updateMany: { filter: { _id: { $in: some } }, update: { $set: owner } },
        })),
      ),
    );
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
