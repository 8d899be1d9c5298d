import { RAW_TOPICS, TOPICS, type DeadLetter } from '@mmt/contracts';
import type { TestPipeline } from './pipeline';

const READ_TIMEOUT_MS = 60_000;

/**
 * Every letter on the pipeline's dead-letter topic once the normalizer has committed every raw partition to its
 * end (it commits a batch only after the batch's letters were sent), read from the start up to the topic's end
 * offsets: an exact count, so that a letter missing or written twice shows.
 */
export async function readDeadLetters(pipeline: TestPipeline): Promise<DeadLetter[]> {
  await pipeline.waitUntilCommittedToEnd(
    'normalizer',
    RAW_TOPICS.map((t) => pipeline.topics.name(t)),
  );
  return readTopicToEnd<DeadLetter>(pipeline, pipeline.topics.name(TOPICS.deadLetter));
}

/** Every message on a topic from its start to its end offsets now, in partition order, each position once. */
export async function readTopicToEnd<T>(pipeline: TestPipeline, topic: string): Promise<T[]> {
  const admin = pipeline.kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const remaining = new Map(ends.filter((p) => Number(p.high) > 0).map((p) => [p.partition, Number(p.high)]));
  // By position: a consumer may be handed a message again (after its group rebalances); the topic holds it once.
  const letters = new Map<string, T>();
  if (remaining.size === 0) {
    return [];
  }
  const consumer = pipeline.kafka.consumer({ groupId: `${pipeline.config.namespace}reader-${Date.now()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(`${topic}: ${letters.size} read, partitions ${[...remaining.keys()].join(', ')} unfinished`),
          ),
        READ_TIMEOUT_MS,
      );
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          const end = remaining.get(partition);
          if (end === undefined || Number(message.offset) >= end) {
            return;
          }
          letters.set(`${partition}/${message.offset}`, JSON.parse(message.value!.toString('utf8')) as T);
          if (Number(message.offset) === end - 1) {
            remaining.delete(partition);
          }
          if (remaining.size === 0) {
            clearTimeout(timer);
            resolve();
          }
          await Promise.resolve();
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return [...letters.values()];
}

/**
 * Fails unless each raw message (topic, partition, offset) has exactly one letter: a letter written twice for one
 * message is a fault of the normalizer. (A producer's retry may put the same bytes on a raw topic twice: those are
 * two messages, each with its letter, so tests compare the letters' originals as sets.)
 */
export function expectOneLetterPerRawMessage(letters: readonly DeadLetter[]): void {
  const positions = letters.map((l) => `${l.sourceTopic}/${l.sourcePartition}/${l.sourceOffset}`);
  expect(positions.filter((p, i) => positions.indexOf(p) !== i)).toEqual([]);
}
