import type { Collection, Connection } from 'mongoose';
import type { TrackingEvent } from '@mmt/contracts';
import { findIn, insertNew } from './bulk-write';

/** An entry of the append-only event log: the canonical event, keyed by its stable id. */
export interface EventLogEntry {
  _id: string;
  containerNo: string;
  event: TrackingEvent;
}

/** `events`: every canonical event once. Appends are idempotent: a known id is a no-op. */
export class EventLogRepository {
  private readonly collection: Collection<EventLogEntry>;

  constructor(connection: Connection) {
    this.collection = connection.collection<EventLogEntry>('events');
  }

  async ensureIndexes(): Promise<void> {
    // A container's events: the projector's read when a container is not in its cache, and the timeline.
    await this.collection.createIndex({ containerNo: 1 });
  }

  /** Appends the events; returns how many were new. */
  async append(events: readonly TrackingEvent[]): Promise<number> {
    if (events.length === 0) {
      return 0;
    }
    const entries = events.map((event) => ({ _id: event.eventId, containerNo: event.containerNo, event }));
    return (await insertNew(this.collection, entries)).length;
  }

  /** The events with these ids, in the order of `eventIds` (unknown ids are left out). */
  async byIds(eventIds: readonly string[]): Promise<TrackingEvent[]> {
    const entries = await findIn(this.collection, '_id', eventIds);
    const found = new Map(entries.map((entry) => [entry._id, entry.event]));
    return eventIds.flatMap((id) => found.get(id) ?? []);
  }

  /** Every event of these containers. */
  async ofContainers(containerNos: readonly string[]): Promise<TrackingEvent[]> {
    const entries = await findIn(this.collection, 'containerNo', containerNos);
    return entries.map((entry) => entry.event);
  }

  count(): Promise<number> {
    return this.collection.countDocuments();
  }

  /** Every event, in `_id` order: for rebuilds and audits. */
  async *all(): AsyncGenerator<TrackingEvent> {
    for await (const entry of this.collection.find({}).sort({ _id: 1 })) {
      yield entry.event;
    }
  }
}
