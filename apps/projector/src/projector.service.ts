import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { parseTrackingEvent, TOPICS, type TrackingEvent } from '@mmt/contracts';
import { METRICS } from '@mmt/metrics';
import { ConsumerRuntime, type ConsumedBatch, type LogFields } from '@mmt/platform';
import { EventLogRepository, JourneysRepository } from '@mmt/store';
import { ContainerStateCache } from './container-state';
import { journeyUpdateMessage } from './journey-update';
import { projectBatch, type JourneyChange, type ProjectionStores } from './project-batch';

/** Most events held in memory across batches before they are written, whatever the backlog. */
export const MAX_HELD_EVENTS = 300_000;
/** Longest a held event waits to be written while a backlog is read. */
export const MAX_HELD_MS = 60_000;

/**
 * The single writer of each container's journeys: owns the partitions of tracking.events it is assigned. Its
 * idempotence is the event log's: a replayed event is already in the log, and journeys are a pure fold of the log,
 * so a batch read again computes the same journeys and publishes only what was not stored (see projectBatch).
 *
 * Under a backlog it coalesces: while messages wait behind the last batch of any partition it reads, a batch is
 * held (its offsets not committed) and projected with the batches after it, so each journey is written once per
 * flush rather than once per batch. It flushes once every partition it reads is caught up (a lone event is written
 * at once), or when MAX_HELD_EVENTS or MAX_HELD_MS is reached. A crash or rebalance loses only held work, whose
 * offsets are not committed: it is read again.
 */
@Injectable()
export class ProjectorService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ProjectorService.name);
  private readonly stores: ProjectionStores;
  private readonly cache = new ContainerStateCache(2 * MAX_HELD_EVENTS);
  /** Events of held batches, in the order read; written with the next batch that flushes. */
  private held: TrackingEvent[] = [];
  private heldSince = 0;
  /** Per partition read since the last (re)join, the messages waiting behind its last batch. */
  private readonly behind = new Map<string, number>();

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
          this.behind.clear();
        },
      },
      parse: parseTrackingEvent,
      handle: (...batch) => this.handle(...batch),
    });
  }

  /** Takes the whole batch, as every handler does, and needs only its well-formed events (in topic order). */
  private async handle(...[events, context]: ConsumedBatch<TrackingEvent>): Promise<LogFields> {
    const pending = [...this.held, ...events];
    if (this.held.length === 0) {
      this.heldSince = Date.now();
    }
    this.behind.set(`${context.topic}/${context.partition}`, context.behind);
    const waiting = [...this.behind.values()].reduce((sum, n) => sum + n, 0);
    if (waiting > 0 && pending.length < MAX_HELD_EVENTS && Date.now() - this.heldSince < MAX_HELD_MS) {
      this.held = pending;
      context.hold();
      return { events: events.length, held: pending.length, behind: waiting };
    }
    // A flush that fails keeps what was held; kafkajs retries this batch, which is then added again.
    const result = await projectBatch(pending, this.stores, this.cache, (changed) => this.publish(changed));
    this.held = [];
    METRICS.eventsProcessed.inc({ service: 'projector' }, result.newEvents);
    METRICS.journeysWritten.inc(result.changed.length);
    return {
      events: events.length,
      flushed: pending.length,
      newEvents: result.newEvents,
      journeysChanged: result.changed.length,
      journeysInserted: result.inserted,
      containersRead: result.containersRead,
      ms: result.ms,
    };
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
