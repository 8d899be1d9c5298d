import type { Kafka } from 'kafkajs';
import { createProducer, deleteConsumerGroups, deleteTopics, ensureTopics } from '@mmt/kafka';
import { infra, testKafka, uniqueSuffix } from './support/infra';

const MESSAGES = 10_000;
const PARTITIONS = 6;
const KEYS = 700;

describe('Kafka broker (real, single-node KRaft)', () => {
  const suffix = uniqueSuffix();
  const topic = `test.roundtrip.${suffix}`;
  const groupId = `test-roundtrip-${suffix}`;
  let kafka: Kafka;

  beforeAll(() => {
    kafka = testKafka('roundtrip');
  });

  afterAll(async () => {
    await deleteTopics(kafka, [topic]);
    await deleteConsumerGroups(kafka, [groupId]);
  });

  it('is a real broker that the project can describe', async () => {
    const admin = kafka.admin();
    await admin.connect();
    const cluster = await admin.describeCluster();
    await admin.disconnect();
    console.log(
      `Kafka cluster ${cluster.clusterId} at ${infra.kafkaBrokers.join(',')}: ${cluster.brokers.length} broker(s)`,
    );
    expect(cluster.brokers.length).toBeGreaterThanOrEqual(1);
    expect(cluster.clusterId).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it(`creates a ${PARTITIONS}-partition topic once, and a second ensure is a no-op`, async () => {
    expect(await ensureTopics(kafka, [{ name: topic, partitions: PARTITIONS }])).toEqual([topic]);
    expect(await ensureTopics(kafka, [{ name: topic, partitions: PARTITIONS }])).toEqual([]);
    const admin = kafka.admin();
    await admin.connect();
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    await admin.disconnect();
    expect(metadata.topics[0].partitions).toHaveLength(PARTITIONS);
  });

  it(`round-trips ${MESSAGES} keyed messages through a consumer group: none lost, none duplicated, keys kept`, async () => {
    const producer = createProducer(kafka);
    await producer.connect();
    const sent = Array.from({ length: MESSAGES }, (_, i) => ({ key: `container-${i % KEYS}`, value: String(i) }));
    for (let start = 0; start < MESSAGES; start += 1000) {
      await producer.send({ topic, acks: -1, messages: sent.slice(start, start + 1000) });
    }
    await producer.disconnect();

    const received = new Map<string, { key: string; partition: number }>();
    let duplicates = 0;
    const partitionOfKey = new Map<string, Set<number>>();
    const consumer = kafka.consumer({ groupId });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const done = new Promise<void>((resolve) => {
      void consumer.run({
        eachBatch: async ({ batch }) => {
          for (const message of batch.messages) {
            const value = message.value?.toString() ?? '';
            const key = message.key?.toString() ?? '';
            if (received.has(value)) {
              duplicates += 1;
            }
            received.set(value, { key, partition: batch.partition });
            partitionOfKey.set(key, (partitionOfKey.get(key) ?? new Set()).add(batch.partition));
          }
          if (received.size >= MESSAGES) {
            resolve();
          }
          await Promise.resolve();
        },
      });
    });
    await done;
    await consumer.disconnect();

    expect(received.size).toBe(MESSAGES);
    expect(duplicates).toBe(0);
    expect(sent.filter(({ key, value }) => received.get(value)?.key !== key)).toEqual([]);
    // A key always lands on one partition, and the keys spread over every partition.
    expect([...partitionOfKey.values()].every((partitions) => partitions.size === 1)).toBe(true);
    expect(new Set([...received.values()].map((r) => r.partition)).size).toBe(PARTITIONS);
  });
});
