import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import { createProducer, deleteTopics, ensureTopics, sendWithinLimit } from '@mmt/kafka';
import { kafkaDirs } from '../scripts/infra/local-dirs';
import { waitFor } from './support/graphql-client';
import { testKafka, uniqueSuffix } from './support/infra';

/** Bytes of the partition's log segments on the project's broker (the `.log` files; its indexes are preallocated). */
function segmentBytes(topic: string, partition: number): number {
  const dir = join(kafkaDirs.data, `${topic}-${partition}`);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.log'))
    .reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
}

describe('the platform sends to Kafka gzip-compressed (real broker)', () => {
  const suffix = uniqueSuffix();
  const topic = `test.compressed-sends.${suffix}`;
  let kafka: Kafka;

  beforeAll(async () => {
    kafka = testKafka('compressed-sends');
    await ensureTopics(kafka, [{ name: topic, partitions: 1 }]);
  });

  afterAll(async () => {
    await deleteTopics(kafka, [topic]);
  });

  it('writes a fraction of the JSON it sends, and every client reads it back as sent', async () => {
    // Journey-update-like JSON: 3,000 messages of about 450 bytes, 1.3 MB before compression, so two sends.
    const values = Array.from({ length: 3000 }, (_, i) =>
      JSON.stringify({
        journey: { journeyId: `CSNU${String(i).padStart(7, '0')}/BILL_OF_LADING:CQSG${i}`, version: i },
        milestones: Array.from({ length: 8 }, (__, k) => ({ code: 'LOAD', at: `2026-03-0${1 + (k % 9)}T08:00:00Z` })),
      }),
    );
    const sentBytes = values.reduce((sum, value) => sum + Buffer.byteLength(value), 0);
    const producer = createProducer(kafka);
    await producer.connect();
    await sendWithinLimit(producer, [{ topic, messages: values.map((value) => ({ key: 'k', value })) }]);
    await producer.disconnect();

    // Uncompressed, the segment would hold every byte sent and the records' own overhead.
    expect(segmentBytes(topic, 0)).toBeLessThan(sentBytes / 4);

    const read: string[] = [];
    const consumer = kafka.consumer({ groupId: `test-compressed-sends-${suffix}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        read.push(message.value!.toString('utf8'));
        await Promise.resolve();
      },
    });
    await waitFor('every message read back', () => read.length >= values.length, 60_000);
    await consumer.disconnect();
    expect(read).toEqual(values);
  });
});
