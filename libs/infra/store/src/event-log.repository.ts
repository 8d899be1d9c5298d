import { createHash } from 'node:crypto';
import type { Connection } from 'mongoose';
import { eventVersionKey, groupByContainer, type TrackingEvent } from '@mmt/contracts';
import { findIn, insertNew } from './bulk-write';
import { CollectionRepository } from './collection-repository';

/**
 * A page of the append-only event log: events of one container that the projector appended together. One
 * page per container and batch (instead of one document per event) divides the store's writes by the events
 * a container gets in a batch, which is what bounds ingest on the embedded store.
 */
export interface EventLogPage {
  /**
   * `<containerNo>/<version key of the page's first event>/<digest of every version key in the page>`: named by
   * its whole content, so the same page written again is a no-op, and a page that holds other events (a batch
   * retried with more messages, another projector's batch during a rebalance) never takes an existing page's
   * name. Pages of earlier releases are `<containerNo>/<version key>` or `<containerNo>/<eventId>`; all are read
   * alike.
   */
  _id: string;
  containerNo: string;
  /**
   * The page's events as one JSON array. The log is only ever read a whole page at a time, by container, so the
   * store need not see inside it: the embedded store's cost is per BSON field, and a page of ~30 events as one
   * string is written about four times faster than as ~30 documents of ~30 fields each. MongoDB stores it the same.
   */
  eventsJson?: string;
  /** The events of a page written by an earlier release, as documents. */
  events?: TrackingEvent[];
}

/** The events a page holds, in the order appended, whichever release wrote it. */
export function eventsOfPage(page: Pick<EventLogPage, 'eventsJson' | 'events'>): TrackingEvent[] {
  return page.eventsJson === undefined ? (page.events ?? []) : (JSON.parse(page.eventsJson) as TrackingEvent[]);
}

/** Most events in one page, and most bytes of JSON: far below the 16 MiB a document may hold. */
export const MAX_PAGE_EVENTS = 1000;
export const MAX_PAGE_BYTES = 4 * 1024 * 1024;

/** Splits one container's new events into pages of at most MAX_PAGE_EVENTS events and MAX_PAGE_BYTES bytes. */
export function eventLogPages(containerNo: string, events: readonly TrackingEvent[]): EventLogPage[] {
  const pages: { events: TrackingEvent[]; texts: string[]; bytes: number }[] = [];
  for (const event of events) {
    const text = JSON.stringify(event);
    const page = pages.at(-1);
    if (page === undefined || page.events.length >= MAX_PAGE_EVENTS || page.bytes + text.length > MAX_PAGE_BYTES) {
      pages.push({ events: [event], texts: [text], bytes: text.length });
    } else {
      page.events.push(event);
      page.texts.push(text);
      page.bytes += text.length;
    }
  }
  return pages.map((page) => ({
    _id: pageId(containerNo, page.events),
    containerNo,
    eventsJson: `[${page.texts.join(',')}]`,
  }));
}

function pageId(containerNo: string, events: readonly TrackingEvent[]): string {
  const digest = createHash('sha256');
  for (const event of events) {
    digest.update(eventVersionKey(event)).update('\n');
  }
  return `${containerNo}/${eventVersionKey(events[0])}/${digest.digest('hex').slice(0, 24)}`;
}

function inPageOrder(pages: EventLogPage[]): EventLogPage[] {
  return pages.sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
}

/** The events of these pages in page order, the first copy of each version (eventVersionKey) only. */
function eventsOfPages(pages: readonly EventLogPage[]): TrackingEvent[] {
  return firstCopies(pages.map(eventsOfPage));
}

/** The events of pages (each page's events, in page order), the first copy of each version only. */
function firstCopies(pages: readonly (readonly TrackingEvent[])[]): TrackingEvent[] {
  const seen = new Set<string>();
  const events: TrackingEvent[] = [];
  for (const page of pages) {
    for (const event of page) {
      const key = eventVersionKey(event);
      if (!seen.has(key)) {
        seen.add(key);
        events.push(event);
      }
    }
  }
  return events;
}

/**
 * `events`: every version of every canonical event the projector accepted, in pages per container. The
 * projector appends only versions new to a container's state, so a version is normally logged once; two
 * projectors that overlap during a rebalance may log one twice, and every read keeps the first copy of a
 * version. A correction (a later version of an event) is logged beside the versions it supersedes: the log is
 * the audit trail, the fold picks the latest.
 */
export class EventLogRepository extends CollectionRepository<EventLogPage> {
  constructor(connection: Connection) {
    // A container's pages: the projector's read when a container is not in its cache, and the timeline.
    super(connection, 'events', [{ containerNo: 1 }]);
  }

  /**
   * Appends versions the log does not hold yet, in pages per container. A page already written (the same
   * content, by its name) is a no-op; a page with other content is written beside it, never dropped.
   */
  async append(newEvents: readonly TrackingEvent[]): Promise<void> {
    const pages = [...groupByContainer(newEvents)].flatMap(([containerNo, events]) =>
      eventLogPages(containerNo, events),
    );
    await insertNew(this.collection, pages);
  }

  /**
   * The latest version of each of this container's events with these ids, in the order of `eventIds` (unknown
   * ids are left out).
   */
  async byIds(containerNo: string, eventIds: readonly string[]): Promise<TrackingEvent[]> {
    const latest = new Map<string, TrackingEvent>();
    for (const event of await this.ofContainer(containerNo)) {
      const known = latest.get(event.eventId);
      if (known === undefined || eventVersionKey(event) > eventVersionKey(known)) {
        latest.set(event.eventId, event);
      }
    }
    return eventIds.flatMap((id) => latest.get(id) ?? []);
  }

  /**
   * The events a journey update adds: carried in it, or, when they were too large to carry (`omittedEventIds`),
   * read from the log.
   */
  async addedBy(update: {
    readonly journey: { readonly containerNo: string };
    readonly events?: readonly TrackingEvent[];
    readonly omittedEventIds?: readonly string[];
  }): Promise<readonly TrackingEvent[]> {
    if (update.events !== undefined || update.omittedEventIds === undefined) {
      return update.events ?? [];
    }
    return this.byIds(update.journey.containerNo, update.omittedEventIds);
  }

  /** Every version of every event of one container. */
  async ofContainer(containerNo: string): Promise<TrackingEvent[]> {
    return eventsOfPages(inPageOrder(await this.collection.find({ containerNo }).toArray()));
  }

  /** Every version of every event of these containers. */
  async ofContainers(containerNos: readonly string[]): Promise<TrackingEvent[]> {
    const pages = await findIn(this.collection, 'containerNo', containerNos);
    return eventsOfPages(inPageOrder(pages));
  }

  /** How many distinct versions of events the log holds: for tests and drains (it reads every page). */
  async count(): Promise<number> {
    const keys = new Set<string>();
    const projection = { eventsJson: 1, 'events.eventId': 1, 'events.eventCreatedDateTime': 1 };
    for await (const page of this.collection.find({}, { projection })) {
      for (const event of eventsOfPage(page)) {
        keys.add(eventVersionKey(event));
      }
    }
    return keys.size;
  }

  /**
   * Every container's events, one container after the other: for rebuilds and audits. The third value counts the
   * versions the pages hold more than once (two projectors overlapping in a rebalance), which reads ignore.
   */
  async *byContainer(): AsyncGenerator<[string, TrackingEvent[], number]> {
    let containerNo: string | undefined;
    let pages: EventLogPage[] = [];
    const ofContainer = (no: string): [string, TrackingEvent[], number] => {
      // Each page's text is parsed once, for its events and for the copies they hold.
      const pagesEvents = pages.map(eventsOfPage);
      const events = firstCopies(pagesEvents);
      return [no, events, pagesEvents.reduce((sum, page) => sum + page.length, 0) - events.length];
    };
    for await (const page of this.collection.find({}).sort({ _id: 1 })) {
      if (page.containerNo !== containerNo && containerNo !== undefined) {
        yield ofContainer(containerNo);
        pages = [];
      }
      containerNo = page.containerNo;
      pages.push(page);
    }
    if (containerNo !== undefined) {
      yield ofContainer(containerNo);
    }
  }
}
