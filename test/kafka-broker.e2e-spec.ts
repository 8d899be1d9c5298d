import type { Kafka, Producer } from 'kafkajs';
import {
  createProducer,
  deleteConsumerGroups,
  deleteTopics,
  ensureTopics,
  MAX_MESSAGE_BYTES,
  PartitionCountCache,
  sendWithinLimit,
  splitBySize,
} from '@mmt/kafka';
import { infra, testKafka, uniqueSuffix } from './support/infra';

const MESSAGES = 10_000;
const PARTITIONS = 6;
const KEYS = 700;

describe('Kafka broker (real, single-node KRaft)', () => {
  const suffix = uniqueSuffix();
  const topic = `test.roundtrip.${suffix}`;
  const bulkTopic = `test.bulk.${suffix}`;
  const groupId = `test-roundtrip-${suffix}`;
  const bulkGroupId = `test-bulk-${suffix}`;
  let kafka: Kafka;

  beforeAll(() => {
    kafka = testKafka('roundtrip');
  });

  afterAll(async () => {
    await deleteTopics(kafka, [topic, bulkTopic]);
    await deleteConsumerGroups(kafka, [groupId, bulkGroupId]);
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

  it('takes 10 MB in requests of up to 1 MB per partition, which the broker accepts, each key on its own partition', async () => {
    await ensureTopics(kafka, [{ name: bulkTopic, partitions: PARTITIONS }]);
    const sent = Array.from({ length: 120 }, (_, i) => ({
      key: `container-${i % 50}`,
      value: `${i}:`.padEnd(90_000, 'x'),
    }));
    const producer = createProducer(kafka);
    await producer.connect();
    try {
      // The broker's limit is real: the whole lot as one partition's batch is refused, and none of it is written.
      const oneBatch = sent.map((message) => ({ ...message, partition: 0 }));
      await expect(producer.send({ topic: bulkTopic, acks: -1, messages: oneBatch })).rejects.toThrow(
        /too large|size/i,
      );
      let requests = 0;
      const counting = {
        sendBatch: (batch: Parameters<Producer['sendBatch']>[0]) => {
          requests += 1;
          return producer.sendBatch(batch);
        },
      } as Producer;
      const partitions = await new PartitionCountCache(kafka).of([bulkTopic]);
      expect(partitions(bulkTopic)).toBe(PARTITIONS);
      await sendWithinLimit(counting, [{ topic: bulkTopic, messages: sent }], partitions);
      const withoutCounts = splitBySize([{ topic: bulkTopic, messages: sent }], MAX_MESSAGE_BYTES).length;
      expect(withoutCounts).toBeGreaterThanOrEqual(11);
      expect(requests).toBeLessThanOrEqual(Math.ceil(withoutCounts / 3));
    } finally {
      await producer.disconnect();
    }

    const received: { key: string; value: string; partition: number }[] = [];
    const consumer = kafka.consumer({ groupId: bulkGroupId });
    await consumer.connect();
    await consumer.subscribe({ topic: bulkTopic, fromBeginning: true });
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message, partition }) => {
          received.push({ key: message.key!.toString(), value: message.value!.toString(), partition });
          if (received.length >= sent.length) {
            resolve();
          }
          await Promise.resolve();
        },
      });
    });
    await consumer.disconnect();
    expect(received.map((r) => r.value).sort()).toEqual(sent.map((m) => m.value).sort());
    const partitionsOfKey = new Map<string, Set<number>>();
    for (const { key, partition } of received) {
      partitionsOfKey.set(key, (partitionsOfKey.get(key) ?? new Set()).add(partition));
    }
    expect([...partitionsOfKey.values()].every((p) => p.size === 1)).toBe(true);
    // In order per key, as sent.
    for (const key of partitionsOfKey.keys()) {
      const order = (list: { key: string; value: string }[]) => list.filter((m) => m.key === key).map((m) => m.value);
      expect(order(received)).toEqual(order(sent));
    }
  });
});
