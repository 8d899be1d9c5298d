import type { LoggerService } from '@nestjs/common';
import type { KafkaMessage } from 'kafkajs';
import type { TopicName } from '@mmt/contracts';
import type { BatchConsumerOptions, BatchContext, Checked } from '@mmt/kafka';
import type { ServiceWithOpsPort } from '../service-main';

/** How a service's consumer fetches: the few settings in which the services really differ. */
export type ConsumerTuning = Pick<
  BatchConsumerOptions,
  'partitionsConsumedConcurrently' | 'maxBytesPerPartition' | 'maxBytes' | 'onAssignment'
>;

/** Fields of a log line: what a batch handler reports of its batch, what a start-up step reports. */
export type LogFields = Readonly<Record<string, unknown>>;

/** One batch as a handler is given it: the values read from its messages (in topic order), where it came from, and the messages. */
export type ConsumedBatch<T> = [values: readonly T[], context: BatchContext, messages: readonly KafkaMessage[]];

/** One batch's work; what it returns joins the batch's log line. */
export type ValuesHandler<T> = (...batch: ConsumedBatch<T>) => Promise<LogFields | void>;

/** Reads one message's bytes; a message it refuses goes to the dead-letter topic with the reason. */
export type MessageParser<T> = (bytes: Buffer | null) => Checked<T>;

interface ConsumerServiceBase<T> {
  /** Names the consumer group (under the topic namespace), signs dead letters, names the crash and start lines. */
  readonly service: ServiceWithOpsPort;
  readonly topics: readonly TopicName[];
  /**
   * Runs once the topics exist (and the indexes: see consumerServiceModule), before the first batch: start-up migrations and checks of the stored state. What
   * it returns is added to the start line (`<service> consuming`).
   */
  readonly prepare?: () => Promise<LogFields | void>;
  readonly tuning?: ConsumerTuning;
  readonly handle: ValuesHandler<T>;
  /** Where the start and batch lines go: the service's own logger, so that they carry its context. */
  readonly logger: LoggerService;
  /** The `message` of the line logged after each batch, with its topic, partition, last offset, ms and summary. */
  readonly batchLine: string;
}

/**
 * A Kafka service: what it reads, what must exist before it reads, and what it does with a batch. A service whose
 * topics carry one of the platform's own payloads gives `parse`, and its handler is given the parsed values; the
 * normalizer, which reads four raw formats and dead-letters them itself, is given the messages as they are.
 */
export type ConsumerServiceSpec<T> = ConsumerServiceBase<T> &
  ([T] extends [KafkaMessage] ? { readonly parse?: undefined } : { readonly parse: MessageParser<T> });
