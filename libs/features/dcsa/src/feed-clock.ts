import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { isDuplicateKeyError } from '@mmt/store';
import { MICROS_PER_MS, type FeedPosition } from './feed-position';

/** A batch that has taken positions and not yet written all its events: where it starts, and what it covers. */
interface Allocation {
  /** The consumer's topic and partition the batch came from. */
  readonly source: string;
  /** The first position it (or an earlier, unfinished try of the same source) took. */
  readonly from: FeedPosition;
  /** The last offset of the batch: a later try ends this allocation only once it has covered as much. */
  readonly lastOffset: number;
}

interface ClockDocument {
  _id: 'clock';
  /** Bumped by every change, so each change is a compare-and-set on the one document. */
  version: number;
  /** The last position handed out. */
  last: FeedPosition;
  inflight: Allocation[];
}

/**
 * Hands out feed positions and says up to where the feed is complete, for `dcsa_events` (see FeedPosition).
 *
 * A writer takes a range of positions for a batch (`take`), inserts the batch's events with them, then ends the
 * allocation (`finish`). The feed's horizon is just below the first position of any allocation still open, or the
 * last position handed out when none is: every event at or below it is in the store, so a reader that pages only
 * up to the horizon never sees a later event land behind what it has already read. That is what lets a partner poll
 * with `eventCreatedDateTime:gte` and never miss an event.
 *
 * Positions are the writer's clock in microseconds, but never below the last one handed out, so they only grow
 * across processes and clock steps. An allocation is keyed by its source partition: when a try fails or its process
 * dies, the next try of that partition (the same process's retry, or the instance the partition moves to) takes it
 * over, keeping the earlier start so the horizon stays behind the events the failed try may have written. It ends
 * only when a try has covered the failed try's last offset, so a stalled process that writes late can only write
 * events already written (same ids, so its inserts change nothing). Everything is one document, changed by
 * compare-and-set, so it works on the embedded store and on MongoDB alike.
 */
export class FeedClock {
  private readonly collection: Collection<ClockDocument>;

  constructor(connection: Connection) {
    this.collection = connection.collection<ClockDocument>('dcsa_feed_clock');
  }

  /** Takes `count` positions for a batch of `source` ending at `lastOffset`; returns the first. */
  async take(source: string, lastOffset: number, count: number, nowMs = Date.now()): Promise<FeedPosition> {
    for (;;) {
      const clock = await this.read();
      const from = Math.max(clock.last + 1, nowMs * MICROS_PER_MS);
      const earlier = clock.inflight.find((allocation) => allocation.source === source);
      const allocation: Allocation = {
        source,
        from: Math.min(earlier?.from ?? from, from),
        lastOffset: Math.max(earlier?.lastOffset ?? lastOffset, lastOffset),
      };
      const inflight = [...clock.inflight.filter((other) => other.source !== source), allocation];
      if (await this.replace(clock, { last: from + Math.max(count, 1) - 1, inflight })) {
        return from;
      }
    }
  }

  /** Ends the allocation of `source` once a batch ending at `lastOffset` has written all its events. */
  async finish(source: string, lastOffset: number): Promise<void> {
    for (;;) {
      const clock = await this.read();
      const open = clock.inflight.find((allocation) => allocation.source === source);
      if (open === undefined || open.lastOffset > lastOffset) {
        return;
      }
      const inflight = clock.inflight.filter((allocation) => allocation !== open);
      if (await this.replace(clock, { last: clock.last, inflight })) {
        return;
      }
    }
  }

  /** The position up to which the feed is complete: no event at or below it can be written later. */
  async horizon(): Promise<FeedPosition> {
    const clock = await this.read();
    return clock.inflight.reduce((lowest, allocation) => Math.min(lowest, allocation.from - 1), clock.last);
  }

  /** The allocations still open: a batch being written, or a failed one its partition has not retried yet. */
  async open(): Promise<readonly Allocation[]> {
    return (await this.read()).inflight;
  }

  private async read(): Promise<ClockDocument> {
    return (await this.collection.findOne({ _id: 'clock' })) ?? { _id: 'clock', version: 0, last: 0, inflight: [] };
  }

  /** Writes the clock's next state if no one changed it since `seen` was read; false when someone did. */
  private async replace(seen: ClockDocument, next: Pick<ClockDocument, 'last' | 'inflight'>): Promise<boolean> {
    const document: ClockDocument = { _id: 'clock', version: seen.version + 1, ...next };
    if (seen.version === 0) {
      try {
        await this.collection.insertOne(document);
        return true;
      } catch (error) {
        if (isDuplicateKeyError(error)) {
          return false;
        }
        throw error;
      }
    }
    const result = await this.collection.replaceOne({ _id: 'clock', version: seen.version }, document);
    return result.modifiedCount === 1;
  }
}
