import type { Consumer, Kafka } from 'kafkajs';
import { createProducer, deleteConsumerGroups, deleteTopics, ensureTopics, startBatchConsumer } from '@mmt/kafka';
import { waitFor } from './support/graphql-client';
import { testKafka, uniqueSuffix } from './support/infra';
import { groupOffsets } from './support/offsets';

const MESSAGES = 200;

/** The committed offset of the topic's one partition for a group (-1 when it never committed). */
async function committed(kafka: Kafka, groupId: string, topic: string): Promise<number> {
  return (await groupOffsets(kafka, groupId, [topic]))[0].committed;
}

interface Call {
  readonly first: number;
  readonly next: number;
  readonly behind: number;
  readonly committedBefore: number;
  readonly held: boolean;
}

/**
 * A handler may hold batches (their work kept in memory to be written with later ones, as the projector does under
 * a backlog). On the real broker: a held batch's offsets are committed only with the next batch not held, and a
 * consumer that stops while holding leaves them uncommitted, so the next one reads the held batches again.
 */
describe('Batch consumer: held batches (real Kafka)', () => {
  const suffix = uniqueSuffix();
  const topic = `test.held-batches.${suffix}`;
  const groups = [`test-held-${suffix}`, `test-held-crash-${suffix}`];
  const kafka = testKafka('held-batches');
  const consumers: Consumer[] = [];

  beforeAll(async () => {
    await ensureTopics(kafka, [{ name: topic, partitions: 1 }]);
    // A backlog of many small record batches, so that a small fetch reads it in many consumer batches.
    const producer = createProducer(kafka);
    await producer.connect();
    for (let i = 0; i < MESSAGES; i += 5) {
      const messages = Array.from({ length: 5 }, (_, j) => ({ key: 'k', value: `${i + j}:${'x'.repeat(1000)}` }));
      await producer.send({ topic, messages, acks: -1 });
    }
    await producer.disconnect();
  });

  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.disconnect()));
    await deleteTopics(kafka, [topic]);
    await deleteConsumerGroups(kafka, groups);
  });

  const start = (groupId: string, handle: Parameters<typeof startBatchConsumer>[2]) =>
    startBatchConsumer(
      kafka,
      { groupId, topics: [topic], maxBytesPerPartition: 12_000, maxBytes: 12_000, onCrash: () => undefined },
      handle,
    ).then((consumer) => {
      consumers.push(consumer);
      return consumer;
    });

  it('commits held batches only with the next batch not held, which is the one that finds nothing behind it', async () => {
    const calls: Call[] = [];
    await start(groups[0], async (messages, context) => {
      const held = context.behind > 0;
      calls.push({
        first: Number(messages[0].offset),
        next: Number(messages.at(-1)!.offset) + 1,
        behind: context.behind,
        committedBefore: await committed(kafka, groups[0], topic),
        held,
      });
      if (held) {
        context.hold();
      }
    });
    await waitFor('the backlog to be committed', async () => (await committed(kafka, groups[0], topic)) === MESSAGES);

    expect(calls.filter((c) => c.held).length).toBeGreaterThan(3);
    // The batches follow each other, and none was read twice.
    expect(calls.map((c) => c.first)).toEqual([0, ...calls.slice(0, -1).map((c) => c.next)]);
    expect(calls.at(-1)).toMatchObject({ next: MESSAGES, behind: 0, held: false });
    // While batches were held nothing of theirs was committed: every call saw the offset after the last batch
    // not held before it (nothing, -1, before the first).
    let lastWritten = -1;
    for (const call of calls) {
      expect(call.committedBefore).toBe(lastWritten);
      if (!call.held) {
        lastWritten = call.next;
      }
    }
  }, 60_000);

  it('reads every held batch again when the consumer that held them stops before writing them', async () => {
    const heldValues: string[] = [];
    const holding = await start(groups[1], async (messages, context) => {
      heldValues.push(...messages.map((m) => m.value!.toString().split(':')[0]));
      // Holds everything, as if the flush never came.
      context.hold();
      await Promise.resolve();
    });
    await waitFor('several batches to be held', () => heldValues.length >= MESSAGES);
    expect(await committed(kafka, groups[1], topic)).toBe(-1);
    await holding.disconnect();

    const reread: string[] = [];
    await start(groups[1], async (messages) => {
      reread.push(...messages.map((m) => m.value!.toString().split(':')[0]));
      await Promise.resolve();
    });
    await waitFor('the backlog to be committed', async () => (await committed(kafka, groups[1], topic)) === MESSAGES);
    expect(reread).toEqual(Array.from({ length: MESSAGES }, (_, i) => String(i)));
  }, 60_000);
});
