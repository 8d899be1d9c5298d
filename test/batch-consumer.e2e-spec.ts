import type { Consumer } from 'kafkajs';
import { createProducer, deleteConsumerGroups, deleteTopics, ensureTopics, startBatchConsumer } from '@mmt/kafka';
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

  afterAll(async () => {
    await consumer?.disconnect();
    await deleteTopics(kafka, [topic]);
    await deleteConsumerGroups(kafka, [groupId]);
  });

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
