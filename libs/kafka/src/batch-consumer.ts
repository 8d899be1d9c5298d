import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';

export interface BatchContext {
  readonly topic: string;
  readonly partition: number;
  /** False once the partition was taken away by a rebalance: stop writing and let the new owner redo it. */
  readonly isCurrent: () => boolean;
  readonly heartbeat: () => Promise<void>;
}

export type BatchHandler = (messages: readonly KafkaMessage[], context: BatchContext) => Promise<void>;

export interface BatchConsumerOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly fromBeginning?: boolean;
  /** Partitions handled at once by this process. */
  readonly partitionsConsumedConcurrently?: number;
}

/**
 * Consumes whole batches and commits a batch's offsets only after its handler has finished, so the
 * handler's durable writes come first. A handler that throws commits nothing: kafkajs restarts the
 * consumer and the batch is redone, which is why handlers must be idempotent (and must send bad input
 * to a dead-letter topic themselves instead of throwing on it).
 */
export async function startBatchConsumer(
  kafka: Kafka,
  options: BatchConsumerOptions,
  handle: BatchHandler,
): Promise<Consumer> {
  const consumer = kafka.consumer({ groupId: options.groupId, maxBytesPerPartition: 4 * 1024 * 1024 });
  await consumer.connect();
  await consumer.subscribe({ topics: [...options.topics], fromBeginning: options.fromBeginning ?? true });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1,
    eachBatch: async (payload) => {
      const { batch } = payload;
      if (batch.messages.length === 0) {
        return;
      }
      await handle(batch.messages, {
        topic: batch.topic,
        partition: batch.partition,
        isCurrent: () => payload.isRunning() && !payload.isStale(),
        heartbeat: () => payload.heartbeat(),
      });
      payload.resolveOffset(batch.lastOffset());
      await payload.commitOffsetsIfNecessary();
    },
  });
  return consumer;
}
