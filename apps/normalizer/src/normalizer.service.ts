import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Consumer, Kafka, Producer, TopicMessages } from 'kafkajs';
import type { Connection } from 'mongoose';
import { atFailpoint } from '@mmt/config';
import { RAW_TOPICS, TOPICS, type RawTopic } from '@mmt/contracts';
import {
  createProducer,
  deadLetterMessages,
  ensureTopics,
  sendWithinLimit,
  startBatchConsumer,
  TopicNames,
  type BatchContext,
} from '@mmt/kafka';
import { fatalHandler, KAFKA, PLATFORM_CONFIG, STORE, type PlatformConfig } from '@mmt/platform';
import { ConveyancesRepository } from '@mmt/store';
import type { KafkaMessage } from 'kafkajs';
import { normalizeBatch } from './normalize-batch';
import { METRICS } from '@mmt/metrics';

/** Consumes the four raw topics, produces canonical events keyed by container, dead-letters bad input. */
@Injectable()
export class NormalizerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NormalizerService.name);
  private readonly conveyances: ConveyancesRepository;
  private producer?: Producer;
  private consumer?: Consumer;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(STORE) store: Connection,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    private readonly topics: TopicNames,
  ) {
    this.conveyances = new ConveyancesRepository(store);
  }

  async onApplicationBootstrap(): Promise<void> {
    await ensureTopics(this.kafka, this.topics.specs());
    await this.conveyances.ensureIndexes();
    this.producer = createProducer(this.kafka);
    await this.producer.connect();
    this.consumer = await startBatchConsumer(
      this.kafka,
      {
        groupId: `${this.topics.prefix}normalizer`,
        topics: RAW_TOPICS.map((t) => this.topics.name(t)),
        partitionsConsumedConcurrently: 2,
        onCrash: fatalHandler(this.config, 'normalizer'),
      },
      (messages, context) => this.handle(messages, context),
    );
    this.logger.log({ message: 'normalizer consuming', topics: RAW_TOPICS });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }

  private async handle(messages: readonly KafkaMessage[], context: BatchContext): Promise<void> {
    const rawTopic = this.topics.contractName(context.topic) as RawTopic;
    const batch = await normalizeBatch(
      messages.map((message) => ({ topic: context.topic, rawTopic, partition: context.partition, message })),
      this.conveyances,
    );
    const topicMessages: TopicMessages[] = [];
    if (batch.events.length > 0) {
      topicMessages.push({
        topic: this.topics.name(TOPICS.trackingEvents),
        messages: batch.events.map((event) => ({ key: event.containerNo, value: JSON.stringify(event) })),
      });
    }
    if (batch.deadLetters.length > 0) {
      topicMessages.push({
        topic: this.topics.name(TOPICS.deadLetter),
        messages: deadLetterMessages(batch.deadLetters),
      });
      for (const letter of batch.deadLetters) {
        this.logger.warn({
          message: 'dead-lettered',
          topic: letter.sourceTopic,
          partition: letter.sourcePartition,
          offset: letter.sourceOffset,
          key: letter.sourceKey,
          reason: letter.reason,
        });
      }
    }
    const producer = this.producer;
    if (producer !== undefined && topicMessages.length > 0) {
      // Sent again when the batch is redone (events have stable ids; a dead letter names its source offset).
      await atFailpoint('normalizer.sendEvents', () => sendWithinLimit(producer, topicMessages));
    }
    METRICS.eventsProcessed.inc({ service: 'normalizer' }, batch.events.length);
    this.logger.log({
      message: 'batch normalized',
      topic: context.topic,
      partition: context.partition,
      offset: messages.at(-1)?.offset,
      raw: messages.length,
      events: batch.events.length,
      deadLetters: batch.deadLetters.length,
    });
  }
}
