import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
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
  type PayloadMessages,
} from '@mmt/kafka';
import { fatalHandler } from '../fatal';
import type { PlatformConfig } from '../platform-config';
import { KAFKA, PLATFORM_CONFIG } from '../platform.tokens';
import type { ConsumerServiceSpec } from './consumer-service-spec';

/**
 * The one runtime of the platform's Kafka services. `start` creates the topics, runs the service's start-up step, connects the producer and starts the durable batch consumer (`startBatchConsumer`:
 * offsets committed after the handler's writes); each batch is parsed, its refused messages dead-lettered, handled
 * while its partition is still this process's, and logged in one line. `send` is the service's producer. When the
 * app closes, it ends the consumer, then the producer; a service with work of its own to end first (a timer that
 * sends) ends it in `beforeApplicationShutdown`. One per service module: a process runs one consumer service.
 */
@Injectable()
export class ConsumerRuntime implements OnApplicationShutdown {
  private producer?: Producer;
  private consumer?: Consumer;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    private readonly topics: TopicNames,
  ) {}

  async start<T>(spec: ConsumerServiceSpec<T>): Promise<void> {
    if (this.producer !== undefined) {
      throw new Error(`${spec.service}: its consumer runtime was started twice`);
    }
    await ensureTopics(this.kafka, this.topics.specs());
    const startFields = await spec.prepare?.();
    const producer = createProducer(this.kafka);
    await producer.connect();
    this.producer = producer;
    this.consumer = await startBatchConsumer(
      this.kafka,
      {
        ...spec.tuning,
        groupId: `${this.topics.prefix}${spec.service}`,
        topics: spec.topics.map((topic) => this.topics.name(topic)),
        onCrash: fatalHandler(this.config, spec.service),
      },
      (messages, context) => this.handleBatch(spec, messages, context),
    );
    spec.logger.log({ message: `${spec.service} consuming`, topics: spec.topics, ...startFields });
  }

  /**
   * Sends the messages of each topic (by its contract name; see payloadMessages) under this run's topic names, in
   * order, in as many requests as the size limit needs, each acknowledged by all replicas. Nothing to send, no request.
   */
  async send(sends: readonly PayloadMessages<TopicName>[]): Promise<void> {
    const nonEmpty = sends.filter((send) => send.messages.length > 0);
    if (nonEmpty.length === 0) {
      return;
    }
    if (this.producer === undefined) {
      throw new Error('the consumer runtime is not started: nothing can be sent yet');
    }
    await sendWithinLimit(
      this.producer,
      nonEmpty.map((send) => ({ topic: this.topics.name(send.topic), messages: send.messages })),
    );
  }

  /** Leaves the consumer group first (after the batch in flight), so that no batch sends with a producer that is gone. */
  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }

  private async handleBatch<T>(
    spec: ConsumerServiceSpec<T>,
    messages: readonly KafkaMessage[],
    context: BatchContext,
  ): Promise<void> {
    const started = performance.now();
    const values = await this.acceptedValues(spec, messages, context);
    // The batch is not committed once its partition is gone: its new owner redoes it, so this one writes nothing.
    if (!context.isCurrent()) {
      spec.logger.warn({
        message: 'partition revoked mid-batch, leaving it to its new owner',
        topic: context.topic,
        partition: context.partition,
      });
      return;
    }
    const summary = await spec.handle(values, context, messages);
    spec.logger.log({
      message: spec.batchLine,
      topic: context.topic,
      partition: context.partition,
      offset: messages.at(-1)?.offset,
      ms: Math.round(performance.now() - started),
      ...summary,
    });
  }

  /** The batch's values for the handler; the messages its parser refuses are dead-lettered first. */
  private async acceptedValues<T>(
    spec: ConsumerServiceSpec<T>,
    messages: readonly KafkaMessage[],
    context: BatchContext,
  ): Promise<readonly T[]> {
    if (spec.parse === undefined) {
      // Only a spec whose values are the messages themselves has no parser (see ConsumerServiceSpec).
      return messages as readonly unknown[] as readonly T[];
    }
    const { accepted, deadLetters } = checkBatch(messages, context, spec.parse, spec.service);
    await this.send([{ topic: TOPICS.deadLetter, messages: deadLetterMessages(deadLetters) }]);
    return accepted;
  }
}
