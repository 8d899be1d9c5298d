import type { Kafka } from 'kafkajs';
import { createProducer, deleteTopics, ensureTopics } from '@mmt/kafka';
import { readRanges, RetentionGapError } from '../apps/gateway/src/updates/bounded-replay';
import { testKafka, uniqueSuffix } from './support/infra';

const MESSAGES = 60;
const FROM = 10;
const DELETED_BEFORE = 40;

describe('a stream replay that the topic retention overtakes (real broker)', () => {
  const suffix = uniqueSuffix();
  const topic = `test.replay-retention.${suffix}`;
  const groupId = `test-replay-retention-${suffix}`;
  let kafka: Kafka;

  beforeAll(async () => {
    kafka = testKafka('replay-retention');
    await ensureTopics(kafka, [{ name: topic, partitions: 1 }]);
    const producer = createProducer(kafka);
    await producer.connect();
    for (let i = 0; i < MESSAGES; i += 5) {
      await producer.send({
        topic,
        acks: -1,
        messages: Array.from({ length: 5 }, (_, k) => ({ key: 'c', value: `${i + k}:`.padEnd(1000, 'x') })),
      });
    }
    await producer.disconnect();
  });

  afterAll(async () => {
    await deleteTopics(kafka, [topic]);
  });

  it('fails with the offsets deleted, instead of going on past them as if nothing were missing', async () => {
    // A resumed stream may wait for a replay slot; meanwhile retention deletes the start of its range.
    const admin = kafka.admin();
    await admin.connect();
    expect((await admin.fetchTopicOffsets(topic))[0]).toMatchObject({ low: '0', high: String(MESSAGES) });
    await admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: String(DELETED_BEFORE) }] });
    expect((await admin.fetchTopicOffsets(topic))[0]).toMatchObject({ low: String(DELETED_BEFORE) });
    // A broker just started answers "coordinator is loading" for a while; asking about the group waits it out.
    await admin.describeGroups([groupId]);
    await admin.disconnect();
    const read: number[] = [];
    const failure: unknown = await readRanges(
      kafka,
      topic,
      groupId,
      new Map([[0, { from: String(FROM), to: String(MESSAGES) }]]),
      async (_partition, message) => {
        read.push(Number(message.offset));
        await Promise.resolve();
      },
      new AbortController().signal,
    ).then(
      () => undefined,
      (error: unknown) => error,
    );

    expect(failure).toBeInstanceOf(RetentionGapError);
    expect(failure).toMatchObject({ partition: 0, from: BigInt(FROM), to: BigInt(DELETED_BEFORE) });
    expect((failure as Error).message).toBe(
      `offsets ${FROM} to ${DELETED_BEFORE - 1} of partition 0 were deleted by the topic's retention`,
    );
    expect(read).toEqual([]);
  });
});
