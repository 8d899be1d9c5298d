import type { Consumer } from 'kafkajs';
import {
  createProducer,
  deleteConsumerGroups,
  deleteTopics,
  ensureTopics,
  startBatchConsumer,
  TRIES_PER_BATCH,
} from '@mmt/kafka';
import { waitFor } from './support/graphql-client';
import { testKafka, uniqueSuffix } from './support/infra';
import { groupOffsets } from './support/offsets';

/** The batch consumer against the real broker: what a slow store does to a consumer group. */
describe('Batch consumer (real Kafka)', () => {
  const suffix = uniqueSuffix();
  const topic = `test.slow-batch.${suffix}`;
  const groupId = `test-slow-batch-${suffix}`;
  const kafka = testKafka('slow-batch');
  let consumer: Consumer | undefined;

  const retryTopic = `test.failing-batches.${suffix}`;
  const retryGroups = [`test-failing-batches-${suffix}`, `test-failing-for-good-${suffix}`];

  afterAll(async () => {
    await consumer?.disconnect();
    await deleteTopics(kafka, [topic, retryTopic]);
    await deleteConsumerGroups(kafka, [groupId, ...retryGroups]);
  });

  async function produce(values: readonly string[]): Promise<void> {
    const producer = createProducer(kafka);
    await producer.connect();
    await producer.send({ topic: retryTopic, messages: values.map((value) => ({ key: 'k', value })), acks: -1 });
    await producer.disconnect();
  }

  it('retries each failed batch with tries of its own: failures spread over a long life never stop it', async () => {
    await ensureTopics(kafka, [{ name: retryTopic, partitions: 1 }]);
    const crashes: Error[] = [];
    const tries = new Map<string, number>();
    const failing = await startBatchConsumer(
      kafka,
      { groupId: retryGroups[0], topics: [retryTopic], onCrash: (error) => crashes.push(error) },
      async (messages) => {
        const first = messages[0].value!.toString();
        tries.set(first, (tries.get(first) ?? 0) + 1);
        if (tries.get(first)! <= 2) {
          throw new Error(`the store is away (try ${tries.get(first)} of ${first})`);
        }
        await Promise.resolve();
      },
    );
    try {
      // Three batches, each failing twice before it succeeds: six failures in the consumer's life, more than
      // kafkajs's own limit of retries allows, but never more than two in a row for one batch.
      for (const [i, value] of ['one', 'two', 'three'].entries()) {
        await produce([value]);
        await waitFor(
          `batch ${value} to be committed`,
          async () => (await groupOffsets(kafka, retryGroups[0], [retryTopic]))[0].committed === i + 1,
          60_000,
        );
      }
      expect([...tries.values()]).toEqual([3, 3, 3]);
      expect(crashes).toEqual([]);
    } finally {
      await failing.disconnect();
    }
  }, 120_000);

  it('gives up on a batch that fails every time: the consumer crashes after its tries, naming the batch', async () => {
    let tries = 0;
    const crashes: Error[] = [];
    const failing = await startBatchConsumer(
      kafka,
      { groupId: retryGroups[1], topics: [retryTopic], onCrash: (error) => crashes.push(error) },
      async () => {
        tries += 1;
        await Promise.resolve();
        throw new Error('the store refuses this write');
      },
    );
    try {
      await waitFor('the consumer to give up', async () => Promise.resolve(crashes.length > 0), 60_000);
      expect(tries).toBe(TRIES_PER_BATCH);
      expect(crashes[0].message).toContain(
        `failed ${TRIES_PER_BATCH} times in a row; last: the store refuses this write`,
      );
      expect(crashes[0].message).toContain(`${retryTopic}/0 at offset 0`);
    } finally {
      await failing.disconnect();
    }
  }, 120_000);

  it('commits a batch that takes longer than the session timeout, and handles it once', async () => {
    await ensureTopics(kafka, [{ name: topic, partitions: 1 }]);
    const producer = createProducer(kafka);
    await producer.connect();
    await producer.send({ topic, messages: ['a', 'b', 'c'].map((value) => ({ key: value, value })), acks: -1 });
    await producer.disconnect();

    const handled: string[][] = [];
    const crashes: Error[] = [];
    consumer = await startBatchConsumer(
      kafka,
      { groupId, topics: [topic], sessionTimeout: 6000, onCrash: (error) => crashes.push(error) },
      async (messages) => {
        handled.push(messages.map((m) => m.value!.toString()));
        // A batch on a busy store: two and a half session timeouts.
        await new Promise((resolve) => setTimeout(resolve, 15_000));
      },
    );

    await waitFor(
      'the slow batch to be committed',
      async () => (await groupOffsets(kafka, groupId, [topic]))[0].committed === 3,
      60_000,
    );
    expect(handled).toEqual([['a', 'b', 'c']]);
    expect(crashes).toEqual([]);
  }, 90_000);
});
