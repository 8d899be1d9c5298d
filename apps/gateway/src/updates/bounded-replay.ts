import type { Kafka, KafkaMessage } from 'kafkajs';
import { deleteConsumerGroups } from '@mmt/kafka';
import type { ReplayRange } from './replay-ranges';

/**
 * Updates of a range that the topic no longer holds: its retention deleted them while the range was read. The
 * platform's topics are neither compacted nor transactional, so their offsets have no holes of their own.
 */
export class RetentionGapError extends Error {
  override readonly name = 'RetentionGapError';

  constructor(
    readonly partition: number,
    readonly from: bigint,
    readonly to: bigint,
  ) {
    super(`offsets ${from} to ${to - 1n} of partition ${partition} were deleted by the topic's retention`);
  }
}

/**
 * Reads these ranges of a topic's partitions with a short-lived consumer group of its own, handing each message to
 * `onMessage` (and waiting for it), in order per partition. Resolves once every range is read, or `stop` aborts;
 * either way the consumer is then disconnected and its group deleted. Rejects if the consumer crashes, and with a
 * RetentionGapError if the topic's retention deleted part of a range before it was read: the consumer then goes on
 * from the earliest offset left, and the first message it reads there is past the one expected.
 */
export async function readRanges(
  kafka: Kafka,
  topic: string,
  groupId: string,
  ranges: ReadonlyMap<number, ReplayRange>,
  onMessage: (partition: number, message: KafkaMessage) => Promise<void>,
  stop: AbortSignal,
): Promise<void> {
  const next = new Map([...ranges].map(([partition, { from }]) => [partition, BigInt(from)]));
  const left = (partition: number) => next.get(partition)! < BigInt(ranges.get(partition)!.to);
  const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1000 });
  let read!: () => void;
  let fail!: (error: Error) => void;
  const finished = new Promise<void>((resolve, reject) => {
    read = resolve;
    fail = reject;
    if (stop.aborted) {
      resolve();
    }
    stop.addEventListener('abort', () => resolve(), { once: true });
    consumer.on(consumer.events.CRASH, (event) => reject(event.payload.error));
  });
  // Each time it joins its group (again, after losing its heartbeats for a while), it goes on where it stands; the
  // partitions it has nothing (more) to read on are paused.
  const seekWhereItStands = (assigned: readonly number[] = []) => {
    for (const [partition, offset] of next) {
      if (left(partition)) {
        consumer.seek({ topic, partition, offset: offset.toString() });
      }
    }
    const idle = assigned.filter((partition) => !ranges.has(partition) || !left(partition));
    if (idle.length > 0) {
      consumer.pause([{ topic, partitions: idle }]);
    }
  };
  await consumer.connect();
  try {
    // fromBeginning: an offset that retention deleted resets to the earliest one left, where the gap shows.
    await consumer.subscribe({ topic, fromBeginning: true });
    consumer.on(consumer.events.GROUP_JOIN, (event) => seekWhereItStands(event.payload.memberAssignment[topic]));
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const offset = BigInt(message.offset);
        if (!ranges.has(partition) || !left(partition) || offset < next.get(partition)! || stop.aborted) {
          return; // not to replay, or read already
        }
        if (offset > next.get(partition)!) {
          fail(new RetentionGapError(partition, next.get(partition)!, offset));
          return;
        }
        if (offset < BigInt(ranges.get(partition)!.to)) {
          await onMessage(partition, message);
        }
        next.set(partition, offset + 1n);
        if (!left(partition)) {
          consumer.pause([{ topic, partitions: [partition] }]);
        }
        if (![...ranges.keys()].some(left)) {
          read();
        }
      },
    });
    seekWhereItStands();
    await finished;
  } finally {
    await consumer.disconnect();
    await deleteConsumerGroups(kafka, [groupId]);
  }
}
