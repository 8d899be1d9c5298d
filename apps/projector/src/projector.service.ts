import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import { TOPICS, type TopicName } from '@mmt/contracts';
import {
  checkBatch,
  createProducer,
  deadLetterMessages,
  ensureTopics,
  sendWithinLimit,
  startBatchConsumer,
  TopicNames,
  type BatchContext,
} from '@mmt/kafka';
import { fatalHandler, KAFKA, PLATFORM_CONFIG, STORE, type PlatformConfig } from '@mmt/platform';
import { EventLogRepository, JourneysRepository } from '@mmt/store';
import { ContainerStateCache } from './container-state';
import { journeyUpdateMessage } from './journey-update';
import { parseTrackingEvent } from './parse-event';
import { projectBatch, type JourneyChange, type ProjectionStores } from './project-batch';
import { METRICS } from '@mmt/metrics';

/** The single writer of each container's journeys: owns the partitions of tracking.events it is assigned. */
@Injectable()
export class ProjectorService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProjectorService.name);
  private readonly stores: ProjectionStores;
  private readonly cache = new ContainerStateCache();
  private producer?: Producer;
  private consumer?: Consumer;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(STORE) store: Connection,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    private readonly topics: TopicNames,
  ) {
    this.stores = {
      eventLog: new EventLogRepository(store),
      journeys: new JourneysRepository(store),
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    await ensureTopics(this.kafka, this.topics.specs());
    await this.stores.eventLog.ensureIndexes();
    await this.stores.journeys.ensureIndexes();
    this.producer = createProducer(this.kafka);
    await this.producer.connect();
    this.consumer = await startBatchConsumer(
      this.kafka,
      {
        groupId: `${this.topics.prefix}projector`,
        topics: [this.topics.name(TOPICS.trackingEvents)],
        // Large batches amortise the store's cost per journey written: a backlog batch of ~60,000 events holds
        // about the whole history of each journey it touches, so each is written about once. A fetch is capped
        // by the broker's fetch.max.bytes (55 MiB by default), so the total stays under it.
        maxBytesPerPartition: 48 * 1024 * 1024,
        maxBytes: 52 * 1024 * 1024,
        onCrash: fatalHandler(this.config, 'projector'),
        // Another projector may have written the containers of partitions this one owned before.
        onAssignment: () => this.cache.clear(),
      },
      (messages, context) => this.handle(messages, context),
    );
    this.logger.log({ message: 'projector consuming', topic: TOPICS.trackingEvents });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }

  private async handle(messages: readonly KafkaMessage[], context: BatchContext): Promise<void> {
    const { accepted: events, deadLetters } = checkBatch(messages, context, parseTrackingEvent, 'projector');
    if (deadLetters.length > 0) {
      await this.send(TOPICS.deadLetter, deadLetterMessages(deadLetters));
    }
    if (!context.isCurrent()) {
      this.logger.warn({
        message: 'partition revoked mid-batch, leaving it to its new owner',
        partition: context.partition,
      });
      return;
    }
    const result = await projectBatch(events, this.stores, this.cache, (changed) => this.publish(changed));
    METRICS.eventsProcessed.inc({ service: 'projector' }, result.newEvents);
    METRICS.journeysWritten.inc(result.changed.length);
    this.logger.log({
      message: 'batch projected',
      topic: context.topic,
      partition: context.partition,
      offset: messages.at(-1)?.offset,
      events: events.length,
      newEvents: result.newEvents,
      journeysChanged: result.changed.length,
      containersRead: result.containersRead,
      ms: result.ms,
    });
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
    await this.send(TOPICS.journeyUpdates, messages);
  }

  private async send(topic: TopicName, messages: { key: string | null; value: string }[]): Promise<void> {
    if (messages.length > 0 && this.producer !== undefined) {
      await sendWithinLimit(this.producer, [{ topic: this.topics.name(topic), messages }]);
    }
  }
}
