import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { groupByContainer, parseTrackingEvent, TOPICS, type TrackingEvent } from '@mmt/contracts';
import { METRICS } from '@mmt/metrics';
import { ConsumerRuntime, positiveSetting, type ConsumedBatch, type LogFields } from '@mmt/platform';
import { EventLogRepository, JourneysRepository } from '@mmt/store';
import { ContainerStateCache } from './container-state';
import { journeyUpdateMessage } from './journey-update';
import { projectBatch, type JourneyChange, type ProjectionResult, type ProjectionStores } from './project-batch';

/** Most events held in memory across batches before they are written, whatever the backlog. */
export const MAX_HELD_EVENTS = positiveSetting(process.env, 'PROJECTOR_MAX_HELD_EVENTS', 2_000_000, 'whole');
/** Longest a held event waits to be written while a backlog is read. */
export const MAX_HELD_MS = positiveSetting(process.env, 'PROJECTOR_MAX_HELD_SECONDS', 900) * 1000;
/**
 * Holding at least this many events, a projector that has caught up waits up to LINGER_MS for more before it
 * flushes: the rest of a backlog the normalizer is still turning into events. A lone event, or live traffic,
 * never holds this many.
 */
const LINGER_FROM_EVENTS = 10_000;
const LINGER_MS = 5_000;
/** Events projected at a time within a flush (a container's events together): bounds what a flush adds to memory. */
const FLUSH_CHUNK_EVENTS = 100_000;
/** Events of the containers whose states are kept between batches. */
const CACHED_EVENTS = 1_000_000;

/** What a flush logs: its chunks' results added up. */
type FlushFields = {
  newEvents: number;
  journeysChanged: number;
  journeysInserted: number;
  containersRead: number;
  ms: ProjectionResult['ms'];
};

/** A flush's events in chunks of about FLUSH_CHUNK_EVENTS, each container's events in one chunk, in topic order. */
function inChunks(events: readonly TrackingEvent[]): TrackingEvent[][] {
  const chunks: TrackingEvent[][] = [[]];
  for (const ofContainer of groupByContainer(events).values()) {
    if (chunks.at(-1)!.length >= FLUSH_CHUNK_EVENTS) {
      chunks.push([]);
    }
    chunks.at(-1)!.push(...ofContainer);
  }
  return chunks;
}

/**
 * The single writer of each container's journeys: owns the partitions of tracking.events it is assigned. Its
 * idempotence is the event log's: a replayed event is already in the log, and journeys are a pure fold of the log,
 * so a batch read again computes the same journeys and publishes only what was not stored (see projectBatch).
 *
 * Under a backlog it coalesces: while messages wait behind the last batch of any partition it reads, or keep coming
 * after it caught up with LINGER_FROM_EVENTS held, a batch is held (its offsets not committed) and projected with
 * the batches after it, so each journey is written about once per backlog rather than once per batch. It flushes
 * once nothing more comes (a lone event is written at once), or when MAX_HELD_EVENTS or MAX_HELD_MS is reached, in
 * chunks of FLUSH_CHUNK_EVENTS. A crash or rebalance loses only held work, whose offsets are not committed: it is
 * read again.
 */
@Injectable()
export class ProjectorService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ProjectorService.name);
  private readonly stores: ProjectionStores;
  private readonly cache = new ContainerStateCache(CACHED_EVENTS);
  /** Events of held batches, in the order read; written with the next batch that flushes. */
  private held: TrackingEvent[] = [];
  private heldSince = 0;

  constructor(
    private readonly runtime: ConsumerRuntime,
    eventLog: EventLogRepository,
    journeys: JourneysRepository,
  ) {
    this.stores = { eventLog, journeys };
  }

  onApplicationBootstrap(): Promise<void> {
    return this.runtime.start<TrackingEvent>({
      service: 'projector',
      logger: this.logger,
      batchLine: 'batch projected',
      topics: [TOPICS.trackingEvents],
      tuning: {
        // Large batches amortise the store's cost per journey written: a backlog batch of ~60,000 events holds
        // about the whole history of each journey it touches, so each is written about once. A fetch is capped
        // by the broker's fetch.max.bytes (55 MiB by default), so the total stays under it.
        maxBytesPerPartition: 48 * 1024 * 1024,
        maxBytes: 52 * 1024 * 1024,
        // Another projector may have written the containers of partitions this one owned before, and the held
        // batches are read again from the committed offsets.
        onAssignment: () => {
          this.cache.clear();
          this.held = [];
        },
      },
      parse: parseTrackingEvent,
      handle: (...batch) => this.handle(...batch),
    });
  }

  /** Takes the whole batch, as every handler does, and needs only its well-formed events (in topic order). */
  private async handle(...[events, context]: ConsumedBatch<TrackingEvent>): Promise<LogFields> {
    if (this.held.length === 0) {
      this.heldSince = Date.now();
    }
    for (const event of events) {
      this.held.push(event);
    }
    const pending = this.held;
    const mayHold = () => pending.length < MAX_HELD_EVENTS && Date.now() - this.heldSince < MAX_HELD_MS;
    // What waits on every partition it reads; holding a backlog's worth with nothing waiting, it waits for more.
    const waiting = await context.waitForMore(pending.length >= LINGER_FROM_EVENTS && mayHold() ? LINGER_MS : 0);
    if (this.held !== pending) {
      // The group was joined again while it waited (onAssignment forgot what was held): holding now would let a
      // later batch commit this one's offsets unwritten, writing now could race the partitions' new owner.
      // Failing the batch leaves everything held to be read again from the committed offsets.
      throw new Error('the projector rejoined its group while it waited for more events; the batch is read again');
    }
    if (waiting > 0 && mayHold()) {
      context.hold();
      return { events: events.length, held: pending.length, behind: waiting };
    }
    // A flush that fails keeps what was held; kafkajs retries this batch, which is then added again. So the batch's
    // own events leave the held ones until the flush is done.
    this.held = pending.slice(0, pending.length - events.length);
    const flushed = await this.flush(pending);
    this.held = [];
    return { events: events.length, flushed: pending.length, ...flushed };
  }

  /** Projects the held events and this batch's, a chunk at a time; their offsets are committed once all are stored. */
  private async flush(pending: readonly TrackingEvent[]): Promise<FlushFields> {
    const total: FlushFields = {
      newEvents: 0,
      journeysChanged: 0,
      journeysInserted: 0,
      containersRead: 0,
      ms: { read: 0, append: 0, fold: 0, publish: 0, store: 0 },
    };
    const chunks = inChunks(pending);
    for (const [index, chunk] of chunks.entries()) {
      const result = await projectBatch(chunk, this.stores, this.cache, (changed) => this.publish(changed));
      if (chunks.length > 1) {
        // A backlog's flush takes minutes: each chunk says how far it has come.
        this.logger.log({
          message: 'flush progressing',
          chunk: `${index + 1}/${chunks.length}`,
          events: chunk.length,
          journeysChanged: result.changed.length,
          ms: result.ms,
        });
      }
      METRICS.eventsProcessed.inc({ service: 'projector' }, result.newEvents);
      METRICS.journeysWritten.inc(result.changed.length);
      total.newEvents += result.newEvents;
      total.journeysChanged += result.changed.length;
      total.journeysInserted += result.inserted;
      total.containersRead += result.containersRead;
      for (const step of Object.keys(total.ms) as (keyof ProjectionResult['ms'])[]) {
        total.ms[step] += result.ms[step];
      }
    }
    return total;
  }

  private async publish(changed: readonly JourneyChange[]): Promise<void> {
    const publishedAt = new Date().toISOString();
    const messages = [];
    for (const { journey, causedBy, added, containerJourneyIds } of changed) {
      const message = journeyUpdateMessage(journey, causedBy, added, containerJourneyIds, publishedAt);
      if (message === undefined) {
        this.logger.error({
          message: 'journey update over the message limit even without its events: not published',
          journeyId: journey.journeyId,
          events: journey.eventIds.length,
        });
      } else {
        messages.push(message);
      }
    }
    await this.runtime.send([{ topic: TOPICS.journeyUpdates, messages }]);
  }
}
