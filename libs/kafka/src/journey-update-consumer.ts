import type { Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { parseJourneyUpdate, TOPICS, type JourneyUpdate } from '@mmt/contracts';
import { startBatchConsumer, type BatchContext } from './batch-consumer';
import { sendWithinLimit } from './bounded-send';
import { checkBatch, deadLetterMessages } from './dead-letter';
import type { TopicNames } from './topic-names';

export interface JourneyUpdateConsumerOptions {
  /** The service: names its consumer group and signs its dead letters (`analytics`, `alerts`). */
  readonly service: string;
  readonly onCrash: (error: Error) => void;
}

/** What a service does with one batch of well-formed journey updates, in topic order. */
export type JourneyChangesHandler = (
  updates: readonly JourneyUpdate[],
  context: BatchContext,
  messages: readonly KafkaMessage[],
) => Promise<void>;

/**
 * Reads `journey.updates.v1` in the service's own consumer group with the durable batch consumer: a malformed
 * update goes to the dead-letter topic, the rest to `handle`, and the batch's offsets are committed only after
 * both. Large batches let many journeys share a write (a month's statistics bucket, a conveyance's manifest).
 */
export function consumeJourneyUpdates(
  kafka: Kafka,
  producer: Producer,
  topics: TopicNames,
  options: JourneyUpdateConsumerOptions,
  handle: JourneyChangesHandler,
): Promise<Consumer> {
  return startBatchConsumer(
    kafka,
    {
      groupId: `${topics.prefix}${options.service}`,
      topics: [topics.name(TOPICS.journeyUpdates)],
      maxBytesPerPartition: 16 * 1024 * 1024,
      maxBytes: 48 * 1024 * 1024,
      onCrash: options.onCrash,
    },
    async (messages, context) => {
      const { accepted, deadLetters } = checkBatch(messages, context, parseJourneyUpdate, options.service);
      if (deadLetters.length > 0) {
        await sendWithinLimit(producer, [
          { topic: topics.name(TOPICS.deadLetter), messages: deadLetterMessages(deadLetters) },
        ]);
      }
      if (context.isCurrent()) {
        await handle(accepted, context, messages);
      }
    },
  );
}
