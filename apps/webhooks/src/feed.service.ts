import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import { canSee } from '@mmt/access';
import { TOPICS } from '@mmt/contracts';
import {
  DeliveriesRepository,
  EventFeedRepository,
  matchesFilter,
  ownerPrincipal,
  SubscriptionsRepository,
  type DcsaEvent,
  type DeliveryDocument,
  type FeedChange,
  type FeedEvent,
} from '@mmt/dcsa';
import {
  consumeJourneyUpdates,
  createProducer,
  ensureTopics,
  TopicNames,
  type BatchContext,
  type JourneyChange,
} from '@mmt/kafka';
import { fatalHandler, KAFKA, PLATFORM_CONFIG, STORE, type PlatformConfig } from '@mmt/platform';
import { EventLogRepository } from '@mmt/store';
import { Dispatcher } from './dispatcher';
import { WEBHOOKS_OPTIONS, type WebhooksOptions } from './webhooks-options';

/**
 * Reads `journey.updates.v1` in its own consumer group: writes each added event to the DCSA feed (`GET
 * /v2/events`) and enqueues it for every subscription that matches it and whose owner may see its journey, then
 * commits. Delivery happens apart (Dispatcher), so no receiver slows the feed or the pipeline.
 */
@Injectable()
export class FeedService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(FeedService.name);
  private readonly feed: EventFeedRepository;
  private readonly subscriptions: SubscriptionsRepository;
  private readonly deliveries: DeliveriesRepository;
  private readonly eventLog: EventLogRepository;
  private producer?: Producer;
  private consumer?: Consumer;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(STORE) store: Connection,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    private readonly topics: TopicNames,
    private readonly dispatcher: Dispatcher,
    @Inject(WEBHOOKS_OPTIONS) private readonly options: WebhooksOptions,
  ) {
    this.feed = new EventFeedRepository(store);
    this.subscriptions = new SubscriptionsRepository(store);
    this.deliveries = new DeliveriesRepository(store);
    this.eventLog = new EventLogRepository(store);
  }

  async onApplicationBootstrap(): Promise<void> {
    await ensureTopics(this.kafka, this.topics.specs());
    await this.feed.ensureIndexes();
    this.producer = createProducer(this.kafka);
    await this.producer.connect();
    this.consumer = await consumeJourneyUpdates(
      this.kafka,
      this.producer,
      this.topics,
      { service: 'webhooks', onCrash: fatalHandler(this.config, 'webhooks') },
      (changes, context, messages) => this.handle(changes, context, messages),
    );
    this.logger.log({ message: 'webhooks consuming', topic: TOPICS.journeyUpdates });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }

  private async handle(
    changes: readonly JourneyChange[],
    context: BatchContext,
    messages: readonly KafkaMessage[],
  ): Promise<void> {
    const started = performance.now();
    const batch = `${context.partition}:${messages[0]?.offset ?? 'none'}`;
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
    const { written, inserted } = await this.feed.apply(feedChanges, batch);
    const fed = performance.now();
    const due = await this.notYetEnqueued(written.flat(), inserted);
    const pages = await this.pagesOf(feedChanges, written, due, publishedAt, batch);
    await this.deliveries.enqueue(pages, batch);
    this.dispatcher.kick(new Set(pages.map((page) => page.subscriptionId)));
    this.logger.log({
      message: 'webhook feed updated',
      topic: context.topic,
      partition: context.partition,
      offset: messages.at(-1)?.offset,
      updates: changes.length,
      feedEvents: inserted.length,
      enqueued: pages.reduce((sum, page) => sum + page.count, 0),
      pages: pages.length,
      feedMs: Math.round(fed - started),
      ms: Math.round(performance.now() - started),
    });
  }

  /**
   * The events of this batch to enqueue: those new to the feed, and those an earlier batch wrote to the feed but
   * did not get to enqueue (the process stopped in between). An event a finished batch enqueued is not enqueued
   * again, so replayed journey updates send nothing twice.
   */
  private async notYetEnqueued(written: readonly FeedEvent[], inserted: readonly FeedEvent[]): Promise<Set<string>> {
    const due = new Set(inserted.map((event) => event._id));
    const known = written.filter((event) => !due.has(event._id)).map((event) => event._id);
    if (known.length > 0) {
      const batches = await this.feed.batchesOf(known);
      const finished = await this.deliveries.enqueuedBatches([...batches.values()]);
      for (const [id, batch] of batches) {
        if (!finished.has(batch)) {
          due.add(id);
        }
      }
    }
    return due;
  }

  /**
   * Each subscription's pages of this batch: the due events it matches, of journeys its owner may see, published
   * after it was created, in batch order (the topic's order for each container), at most a notification a page.
   */
  private async pagesOf(
    changes: readonly FeedChange[],
    written: readonly FeedEvent[][],
    due: Set<string>,
    publishedAt: Map<FeedChange, Date>,
    batch: string,
  ): Promise<DeliveryDocument[]> {
    const subscriptions = due.size === 0 ? [] : await this.subscriptions.all();
    const matched = new Map<string, { events: DcsaEvent[]; publishedAt: Date }>();
    for (const [index, change] of changes.entries()) {
      const events = written[index].filter((event) => due.has(event._id));
      const published = publishedAt.get(change)!;
      for (const subscription of subscriptions) {
        if (published < subscription.createdAt || !canSee(ownerPrincipal(subscription), change.journey)) {
          continue;
        }
        for (const event of events) {
          if (matchesFilter(event.f, subscription.filter)) {
            const entry = matched.get(subscription._id) ?? { events: [], publishedAt: published };
            entry.events.push(event.event);
            entry.publishedAt = entry.publishedAt < published ? entry.publishedAt : published;
            matched.set(subscription._id, entry);
          }
        }
      }
      events.forEach((event) => due.delete(event._id)); // an event in two updates of the batch goes once
    }
    const [partition, offset] = batch.split(':');
    const order = `${String(Date.now()).padStart(15, '0')}/${partition.padStart(4, '0')}/${offset.padStart(20, '0')}`;
    return [...matched].flatMap(([subscriptionId, { events, publishedAt: published }]) =>
      Array.from({ length: Math.ceil(events.length / this.options.batchSize) }, (_, page) => {
        const pageEvents = events.slice(page * this.options.batchSize, (page + 1) * this.options.batchSize);
        return {
          _id: `${subscriptionId}/${batch}/${page}`,
          subscriptionId,
          order: `${order}/${String(page).padStart(6, '0')}`,
          events: pageEvents,
          count: pageEvents.length,
          publishedAt: published,
          delivered: false,
        };
      }),
    );
  }
}
