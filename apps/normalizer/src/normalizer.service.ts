import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { KafkaMessage } from 'kafkajs';
import { atFailpoint } from '@mmt/config';
import { RAW_TOPICS, TOPICS, type RawTopic } from '@mmt/contracts';
import { deadLetterMessages, payloadMessages, TopicNames, type BatchContext } from '@mmt/kafka';
import { METRICS } from '@mmt/metrics';
import { ConsumerRuntime, type LogFields } from '@mmt/platform';
import { ConveyancesRepository } from '@mmt/store';
import { normalizeBatch } from './normalize-batch';

/** Consumes the four raw topics, produces canonical events keyed by container, dead-letters bad input. */
@Injectable()
export class NormalizerService implements OnApplicationBootstrap {
  private readonly logger = new Logger(NormalizerService.name);
  constructor(
    private readonly runtime: ConsumerRuntime,
    private readonly conveyances: ConveyancesRepository,
    private readonly topics: TopicNames,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.runtime.start<KafkaMessage>({
      service: 'normalizer',
      logger: this.logger,
      batchLine: 'batch normalized',
      topics: RAW_TOPICS,
      tuning: { partitionsConsumedConcurrently: 2 },
      // No parser: the raw formats are validated by normalizeBatch, whose dead letters say which rule failed.
      handle: (messages, context) => this.handle(messages, context),
    });
  }

  private async handle(messages: readonly KafkaMessage[], context: BatchContext): Promise<LogFields> {
    const rawTopic = this.topics.contractName(context.topic) as RawTopic;
    const batch = await normalizeBatch(
      messages.map((message) => ({ topic: context.topic, rawTopic, partition: context.partition, message })),
      this.conveyances,
    );
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
    const sends = [
      payloadMessages(
        TOPICS.trackingEvents,
        batch.events.map((event) => ({ key: event.containerNo, payload: event })),
      ),
      { topic: TOPICS.deadLetter, messages: deadLetterMessages(batch.deadLetters) },
    ];
    if (batch.events.length + batch.deadLetters.length > 0) {
      // Sent again when the batch is redone (events have stable ids; a dead letter names its source offset).
      await atFailpoint('normalizer.sendEvents', () => this.runtime.send(sends));
    }
    METRICS.eventsProcessed.inc({ service: 'normalizer' }, batch.events.length);
    return { raw: messages.length, events: batch.events.length, deadLetters: batch.deadLetters.length };
  }
}
