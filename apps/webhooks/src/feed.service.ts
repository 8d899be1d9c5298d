import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import { canSee } from '@mmt/access';
import { TOPICS, type TrackingEvent } from '@mmt/contracts';
import {
  DeliveriesRepository,
  EventFeedRepository,
  feedEventsOf,
  matchesFilter,
  ownerPrincipal,
  SubscriptionsRepository,
  type DeliveryDocument,
  type FeedChange,
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
      (changes, context) => this.handle(changes, context),
    );
    this.logger.log({ message: 'webhooks consuming', topic: TOPICS.journeyUpdates });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }

  /** The events a change added: carried in it, or read from the event log when they were too large to carry. */
  private async addedBy(change: JourneyChange): Promise<readonly TrackingEvent[]> {
    if (change.events !== undefined || change.omittedEventIds === undefined) {
      return change.events ?? [];
    }
    return this.eventLog.byIds(change.journey.containerNo, change.omittedEventIds);
  }

  private async handle(changes: readonly JourneyChange[], context: BatchContext): Promise<void> {
    const started = performance.now();
    const feedChanges: (FeedChange & { publishedAt: Date })[] = [];
    for (const change of changes) {
      const added = await this.addedBy(change);
      if (added.length > 0) {
        feedChanges.push({ journey: change.journey, added, publishedAt: new Date(change.publishedAt ?? Date.now()) });
      }
    }
    const { inserted } = await this.feed.apply(feedChanges);
    const enqueued = await this.deliveries.enqueue(await this.deliveriesOf(feedChanges, context));
    this.dispatcher.kick(new Set(enqueued.map((delivery) => delivery.subscriptionId)));
    this.logger.log({
      message: 'webhook feed updated',
      topic: context.topic,
      partition: context.partition,
      updates: changes.length,
      feedEvents: inserted,
      enqueued: enqueued.length,
      ms: Math.round(performance.now() - started),
    });
  }

  /**
   * What each subscription gets of these changes: the events it matches, of journeys its owner may see,
   * published after it was created, in batch order (the topic's order for each container).
   */
  private async deliveriesOf(
    changes: readonly (FeedChange & { publishedAt: Date })[],
    context: BatchContext,
  ): Promise<DeliveryDocument[]> {
    const subscriptions = await this.subscriptions.all();
    if (subscriptions.length === 0) {
      return [];
    }
    const stamp = `${String(Date.now()).padStart(15, '0')}/${String(context.partition).padStart(4, '0')}`;
    const deliveries: DeliveryDocument[] = [];
    let sequence = 0;
    for (const change of changes) {
      const events = feedEventsOf(change);
      for (const subscription of subscriptions) {
        if (change.publishedAt < subscription.createdAt || !canSee(ownerPrincipal(subscription), change.journey)) {
          continue;
        }
        events.forEach((feedEvent, index) => {
          if (matchesFilter(feedEvent.f, subscription.filter)) {
            deliveries.push({
              _id: `${subscription._id}/${feedEvent._id}`,
              subscriptionId: subscription._id,
              order: `${stamp}/${String(sequence + index).padStart(9, '0')}`,
              containerNo: feedEvent.containerNo,
              event: feedEvent.event,
              publishedAt: change.publishedAt,
              delivered: false,
            });
          }
        });
      }
      sequence += events.length;
    }
    return deliveries;
  }
}
