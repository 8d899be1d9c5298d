import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import { applyJourneyUpdates, StatisticsRepository } from '@mmt/analytics';
import { TOPICS } from '@mmt/contracts';
import {
  consumeJourneyUpdates,
  createProducer,
  ensureTopics,
  TopicNames,
  type BatchContext,
  type JourneyChange,
} from '@mmt/kafka';
import { fatalHandler, KAFKA, PLATFORM_CONFIG, STORE, type PlatformConfig } from '@mmt/platform';

/** Keeps the port office's statistics as journeys change: reads `journey.updates.v1`, writes `stats_*`. */
@Injectable()
export class AnalyticsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AnalyticsService.name);
  private readonly statistics: StatisticsRepository;
  private producer?: Producer;
  private consumer?: Consumer;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(STORE) store: Connection,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    private readonly topics: TopicNames,
  ) {
    this.statistics = new StatisticsRepository(store);
  }

  async onApplicationBootstrap(): Promise<void> {
    await ensureTopics(this.kafka, this.topics.specs());
    if (await this.statistics.needsRebuild()) {
      throw new Error(
        'the statistics in stats_buckets were written by an earlier version (with their days inside): run `npm run analytics:rebuild` once, then start the analytics service again',
      );
    }
    await this.statistics.ensureIndexes();
    this.producer = createProducer(this.kafka);
    await this.producer.connect();
    this.consumer = await consumeJourneyUpdates(
      this.kafka,
      this.producer,
      this.topics,
      { service: 'analytics', onCrash: fatalHandler(this.config, 'analytics') },
      (updates, context, messages) => this.handle(updates, context, messages),
    );
    this.logger.log({ message: 'analytics consuming', topic: TOPICS.journeyUpdates });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }

  private async handle(
    updates: readonly JourneyChange[],
    context: BatchContext,
    messages: readonly KafkaMessage[],
  ): Promise<void> {
    const started = performance.now();
    const result = await applyJourneyUpdates(this.statistics, `partition-${context.partition}`, updates);
    this.logger.log({
      message: 'statistics updated',
      topic: context.topic,
      partition: context.partition,
      offset: messages.at(-1)?.offset,
      updates: updates.length,
      ...result,
      ms: Math.round(performance.now() - started),
    });
  }
}
