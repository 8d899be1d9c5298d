import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { KafkaMessage } from 'kafkajs';
import { atFailpoint } from '@mmt/config';
import type { JourneyUpdate } from '@mmt/contracts';
import {
  DeliveriesRepository,
  EventFeedRepository,
  SubscriptionsRepository,
  positionsNeeded,
  type FeedChange,
  type FeedEvent,
} from '@mmt/dcsa';
import type { BatchContext } from '@mmt/kafka';
import { batchPosition, ConsumerRuntime, JOURNEY_UPDATE_PROJECTION, type LogFields } from '@mmt/platform';
import { EventLogRepository } from '@mmt/store';
import { Dispatcher } from './dispatcher';
import { outboxPages, type DueEvents } from './outbox-pages';
import { WEBHOOKS_OPTIONS, type WebhooksOptions } from './webhooks-options';

/**
 * Reads `journey.updates.v1` in its own consumer group: writes each added event to the DCSA feed (`GET
 * /v2/events`) and enqueues it for every subscription that matches it and whose owner may see its journey, then
 * commits. Delivery happens apart (Dispatcher), so no receiver slows the feed or the pipeline.
 *
 * Its idempotence is its own, not the statistics' or the alerts': one batch fans out to many subscriptions'
 * outboxes and takes a range of feed positions, so it marks each batch (its whole offset range) once all its events
 * are enqueued, and a batch read again enqueues only what an unfinished try did not (see notYetEnqueued).
 */
@Injectable()
export class FeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger(FeedService.name);
  constructor(
    private readonly runtime: ConsumerRuntime,
    private readonly feed: EventFeedRepository,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly eventLog: EventLogRepository,
    private readonly dispatcher: Dispatcher,
    @Inject(WEBHOOKS_OPTIONS) private readonly options: WebhooksOptions,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.runtime.start<JourneyUpdate>({
      service: 'webhooks',
      logger: this.logger,
      batchLine: 'webhook feed updated',
      ...JOURNEY_UPDATE_PROJECTION,
      prepare: async () => {
        const placed = await this.feed.placeUnpositioned();
        if (placed > 0) {
          this.logger.log({ message: 'feed events written before positions were placed in the feed', events: placed });
        }
      },
      handle: (...batch) => this.handle(...batch),
    });
  }

  private async handle(
    changes: readonly JourneyUpdate[],
    context: BatchContext,
    messages: readonly KafkaMessage[],
  ): Promise<LogFields> {
    const timer = new PhaseTimer();
    // The whole range, not only its start: a retry that kafkajs makes from the same offset with more messages is
    // another batch, so a mark never stands for events that its own try did not enqueue.
    const { batch, source, lastOffset } = batchPosition(context, messages);
    const feedChanges: FeedChange[] = [];
    const publishedAt = new Map<FeedChange, Date>();
    for (const change of changes) {
      const added = await this.eventLog.addedBy(change);
      if (added.length > 0) {
        const feedChange = { journey: change.journey, added };
        feedChanges.push(feedChange);
        publishedAt.set(feedChange, new Date(change.publishedAt ?? Date.now()));
      }
    }
    timer.lap('readMs');
    // The batch's place in the feed: positions taken before its events are written, and given back (the horizon
    // moves past them) only once they all are, so no reader sees a later event before an earlier one exists.
    const firstPosition = await atFailpoint('webhooks.takePositions', () =>
      this.feed.clock.take(source, lastOffset, positionsNeeded(feedChanges)),
    );
    const { written, inserted } = await atFailpoint('webhooks.insertFeed', () =>
      this.feed.insert(feedChanges, batch, firstPosition),
    );
    timer.lap('insertMs');
    await atFailpoint('webhooks.relinkFeed', () => this.feed.relink(feedChanges));
    await atFailpoint('webhooks.finishPositions', () => this.feed.clock.finish(source, lastOffset));
    timer.lap('relinkMs');
    const due = await this.notYetEnqueued(written.flat(), inserted, batch);
    const pages = outboxPages({
      changes: feedChanges,
      written,
      publishedAt,
      due,
      subscriptions: due.feedBatchOf.size === 0 ? [] : await this.subscriptions.all(),
      batch,
      pageSize: this.options.batchSize,
    });
    timer.lap('matchMs');
    await atFailpoint('webhooks.enqueue', () => this.deliveries.enqueue(pages));
    timer.lap('enqueueMs');
    await atFailpoint('webhooks.markBatch', () => this.deliveries.markEnqueued(batch));
    timer.lap('markMs');
    this.dispatcher.kick(new Set(pages.map((page) => page.subscriptionId)));
    return {
      updates: changes.length,
      feedEvents: inserted.length,
      enqueued: pages.reduce((sum, page) => sum + page.count, 0),
      pages: pages.length,
      ...timer.phases,
    };
  }

  /**
   * The events of this batch to enqueue: those new to the feed, and those a try that did not finish wrote to the
   * feed (its batch is not marked: it failed, or the process stopped, before the mark). Of the latter, the pages
   * that try wrote are read, so that each subscription gets only what they do not hold yet. An event of a marked
   * batch is not enqueued again, so replayed journey updates send nothing twice.
   */
  private async notYetEnqueued(
    written: readonly FeedEvent[],
    inserted: readonly FeedEvent[],
    batch: string,
  ): Promise<DueEvents> {
    const feedBatchOf = new Map(inserted.map((event) => [event._id, batch]));
    const known = written.filter((event) => !feedBatchOf.has(event._id)).map((event) => event._id);
    if (known.length === 0) {
      return { feedBatchOf, enqueued: new Map() };
    }
    const batches = await this.feed.batchesOf(known);
    const finished = await this.deliveries.enqueuedBatches([...batches.values()]);
    const unfinished = new Set<string>();
    for (const [id, first] of batches) {
      if (!finished.has(first)) {
        feedBatchOf.set(id, first);
        unfinished.add(first);
      }
    }
    const enqueued = unfinished.size === 0 ? new Map() : await this.deliveries.enqueuedOf([...unfinished]);
    return { feedBatchOf, enqueued };
  }
}

/** How long each phase of a batch took, for its log line. */
class PhaseTimer {
  readonly phases: Record<string, number> = {};
  private last = performance.now();

  lap(phase: string): void {
    const now = performance.now();
    this.phases[phase] = Math.round(now - this.last);
    this.last = now;
  }
}
