import type { Kafka, KafkaMessage } from 'kafkajs';
import { deleteConsumerGroups } from '@mmt/kafka';
import type { ReplayRange } from './replay-ranges';

/**
 * Reads these ranges of a topic's partitions with a short-lived consumer group of its own, handing each message to
 * `onMessage` (and waiting for it), in order per partition. Resolves once every range is read, or `stop` aborts;
 * either way the consumer is then disconnected and its group deleted. Rejects if the consumer crashes.
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
  const finished = new Promise<void>((resolve, reject) => {
    read = resolve;
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
    await consumer.subscribe({ topic, fromBeginning: false });
    consumer.on(consumer.events.GROUP_JOIN, (event) => seekWhereItStands(event.payload.memberAssignment[topic]));
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const offset = BigInt(message.offset);
        if (!ranges.has(partition) || !left(partition) || offset < next.get(partition)! || stop.aborted) {
          return; // not to replay, or read already
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
