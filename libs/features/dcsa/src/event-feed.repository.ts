import type { Collection, Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import type { Principal } from '@mmt/access';
import type { Journey, TrackingEvent } from '@mmt/contracts';
import { bulkWriteInChunks, findIn, insertNew, MAX_IN_VALUES, MAX_INSERTS_PER_COMMAND, orgKey } from '@mmt/store';
import type { DcsaEvent } from './dcsa-event';
import { filterQuery, type EventFilter } from './event-filter';
import { FeedClock } from './feed-clock';
import { MICROS_PER_MS, positionIso, type FeedPosition } from './feed-position';
import { filterFields, toDcsaEvent, type FilterFields } from './to-dcsa-event';
import type { IndexOwner } from '@mmt/store';

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
  /** Where it stands in the feed: when the platform published it, in microseconds (see FeedPosition). */
  pos: FeedPosition;
  /** Its DCSA eventDateTime, for the `eventDateTime` filter. */
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

/** Bounds on feed positions (microseconds), as `eventCreatedDateTime:gte` and the like ask. */
export interface PositionBounds {
  readonly gte?: FeedPosition;
  readonly gt?: FeedPosition;
  readonly lte?: FeedPosition;
  readonly lt?: FeedPosition;
}

export interface FeedQuery {
  readonly filter: EventFilter;
  readonly eventCreatedDateTime?: PositionBounds;
  readonly eventDateTime?: DateBounds;
  /** The position of the last event of the previous page: the page starts after it. */
  readonly after?: FeedPosition;
  readonly limit: number;
}

/** A page of the feed, and the position up to which the feed was complete when it was read. */
export interface FeedPage {
  readonly events: FeedEvent[];
  readonly horizon: FeedPosition;
}

/**
 * Each DCSA event of the changes, in their order, with the fields it is filtered on and its place in the feed:
 * positions from `firstPosition` on, one each. Events DCSA has no form for are left out.
 */
export function feedEventsOf(
  changes: readonly FeedChange[],
  batch: string,
  firstPosition: FeedPosition,
): FeedEvent[][] {
  let next = firstPosition;
  return changes.map(({ journey, added }) =>
    added.flatMap((source) => {
      const pos = next;
      const event = toDcsaEvent(source, positionIso(pos));
      if (event === undefined) {
        return [];
      }
      next += 1;
      return [
        {
          _id: event.eventID,
          containerNo: journey.containerNo,
          eventId: source.eventId,
          journeyId: journey.journeyId,
          orgKeys: journey.orgIds.map(orgKey),
          pos,
          at: new Date(event.eventDateTime),
          f: filterFields(source, event),
          event,
          batch,
        },
      ];
    }),
  );
}

/** How many positions a batch of changes takes: one per event it adds (some have no DCSA form: a gap is harmless). */
export function positionsNeeded(changes: readonly FeedChange[]): number {
  return changes.reduce((sum, { added }) => sum + added.length, 0);
}

/** The journey an event of the feed belongs to, and its parties. */
type Owner = Pick<FeedEvent, 'journeyId' | 'orgKeys'>;

const sameKeys = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((k, i) => k === b[i]);

function chunks<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

const range = (bounds: DateBounds | PositionBounds) =>
  Object.fromEntries(Object.entries(bounds).flatMap(([op, value]) => (value === undefined ? [] : [[`$${op}`, value]])));

/**
 * `dcsa_events`: the partner feed, the platform's events in DCSA form, one document per version of an event on
 * a journey, written by the webhooks service from `journey.updates.v1`. Pages are in position order (the order
 * the platform published the events) from one of four indexes: by container, by transport document, by party, or
 * all; a page reads only up to the clock's horizon, so what it returns can never be overtaken by a later write.
 */
export class EventFeedRepository implements IndexOwner {
  private readonly collection: Collection<FeedEvent>;
  readonly clock: FeedClock;

  constructor(connection: Connection) {
    this.collection = connection.collection<FeedEvent>('dcsa_events');
    this.clock = new FeedClock(connection);
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ containerNo: 1, pos: 1 });
    await this.collection.createIndex({ 'f.transportDocumentReference': 1, pos: 1 });
    await this.collection.createIndex({ orgKeys: 1, pos: 1 });
    await this.collection.createIndex({ pos: 1 });
  }

  /**
   * Inserts the changes' events that the feed does not hold yet, at positions from `firstPosition` on: a known
   * eventID is a no-op, so a replay or a retry changes nothing and keeps the event's first position. Returns each
   * change's feed events as the feed holds them (a known event as it was first written) and those inserted.
   */
  async insert(
    changes: readonly FeedChange[],
    batch: string,
    firstPosition: FeedPosition,
  ): Promise<{ written: FeedEvent[][]; inserted: FeedEvent[] }> {
    const mapped = feedEventsOf(changes, batch, firstPosition);
    const inserted = await insertNew(this.collection, mapped.flat());
    if (inserted.length === mapped.flat().length) {
      return { written: mapped, inserted };
    }
    const fresh = new Set(inserted.map((event) => event._id));
    const known = mapped.flat().filter((event) => !fresh.has(event._id));
    const stored = new Map(
      (
        await findIn(
          this.collection,
          '_id',
          known.map((event) => event._id),
        )
      ).map((event) => [event._id, event]),
    );
    const written = mapped.map((events) => events.map((event) => stored.get(event._id) ?? event));
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

  /**
   * Gives a position to each event written before the feed had positions (it was ordered by the source's
   * eventCreatedDateTime then), in that order, so that an upgraded store serves them as published now, and drops
   * the indexes of that order. Returns how many it placed; a store without such events costs one indexed read.
   */
  async placeUnpositioned(source = 'upgrade'): Promise<number> {
    let placed = 0;
    for (;;) {
      const legacy = await this.collection
        .find({ pos: null } as unknown as Filter<FeedEvent>, { projection: { _id: 1, createdAt: 1, event: 1 } })
        .hint({ pos: 1 })
        .limit(MAX_INSERTS_PER_COMMAND)
        .toArray();
      if (legacy.length === 0) {
        break;
      }
      const unplaced = legacy as (FeedEvent & { createdAt?: Date })[];
      unplaced.sort(
        (a, b) => (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0) || a._id.localeCompare(b._id),
      );
      const first = await this.clock.take(source, placed + unplaced.length, unplaced.length);
      await bulkWriteInChunks(
        this.collection,
        unplaced.map((event, index) => {
          const pos = first + index;
          const iso = positionIso(pos);
          const shipment = event.event.eventType === 'SHIPMENT';
          return {
            updateOne: {
              filter: { _id: event._id },
              update: {
                $set: {
                  pos,
                  'event.eventCreatedDateTime': iso,
                  ...(shipment ? { 'event.eventDateTime': iso, at: new Date(pos / MICROS_PER_MS) } : {}),
                },
                $unset: { createdAt: '' },
              },
            },
          };
        }),
      );
      placed += unplaced.length;
      await this.clock.finish(source, placed);
    }
    for (const index of await this.collection.indexes()) {
      if (index.name !== undefined && 'createdAt' in index.key) {
        await this.collection.dropIndex(index.name);
      }
    }
    return placed;
  }

  /** One page of the events the principal may see that pass the query, in position order, up to the horizon. */
  async page(principal: Principal, query: FeedQuery): Promise<FeedPage> {
    const horizon = await this.clock.horizon();
    const filter: Filter<FeedEvent> = filterQuery(query.filter, 'f.');
    if (query.eventDateTime !== undefined) {
      filter.at = range(query.eventDateTime);
    }
    if (principal.role !== 'PORT_OFFICE') {
      filter.orgKeys = orgKey(principal.orgId);
    }
    const equipment = query.filter.equipmentReference?.[0];
    if (equipment !== undefined) {
      filter.containerNo = equipment;
    }
    const conditions: Filter<FeedEvent>[] = [
      filter,
      { pos: { $lte: horizon } },
      ...(query.eventCreatedDateTime === undefined ? [] : [{ pos: range(query.eventCreatedDateTime) }]),
      ...(query.after === undefined ? [] : [{ pos: { $gt: query.after } }]),
    ];
    const hint =
      equipment !== undefined
        ? { containerNo: 1, pos: 1 }
        : query.filter.transportDocumentReference !== undefined
          ? { 'f.transportDocumentReference': 1, pos: 1 }
          : principal.role !== 'PORT_OFFICE'
            ? { orgKeys: 1, pos: 1 }
            : { pos: 1 };
    const events = await this.collection
      .find({ $and: conditions })
      .hint(hint)
      .sort({ pos: 1 })
      .limit(query.limit)
      .toArray();
    return { events, horizon };
  }

  /** One event by its DCSA eventID, when the principal may see it and the feed has published it. */
  async byId(principal: Principal, eventID: string): Promise<FeedEvent | undefined> {
    const found = await this.collection.findOne({ _id: eventID, pos: { $lte: await this.clock.horizon() } });
    return found !== null && (principal.role === 'PORT_OFFICE' || found.orgKeys.includes(orgKey(principal.orgId)))
      ? found
      : undefined;
  }

  /** The feed batch that first wrote each of these events, by eventID. */
  async batchesOf(ids: readonly string[]): Promise<Map<string, string>> {
    const found = await findIn(this.collection, '_id', [...new Set(ids)], { batch: 1 });
    return new Map(found.map((event) => [event._id, event.batch]));
  }

  /** How many events the feed holds: for tests and drains. */
  count(): Promise<number> {
    return this.collection.countDocuments();
  }
}
