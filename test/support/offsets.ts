import type { Kafka } from 'kafkajs';

export interface PartitionOffsets {
  readonly topic: string;
  readonly partition: number;
  /** The group's committed offset (the next message it will read); -1 when it never committed. */
  readonly committed: number;
  /** The partition's end offset (one past its last message). */
  readonly end: number;
}

/** Each partition's committed offset for a consumer group, beside the partition's end offset. */
export async function groupOffsets(
  kafka: Kafka,
  groupId: string,
  topics: readonly string[],
): Promise<PartitionOffsets[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
    const rows: PartitionOffsets[] = [];
    for (const topic of topics) {
      const ends = await admin.fetchTopicOffsets(topic);
      const ofTopic = committed.find((c) => c.topic === topic)?.partitions ?? [];
      for (const { partition, high } of ends) {
        const offset = ofTopic.find((p) => p.partition === partition)?.offset ?? '-1';
        rows.push({ topic, partition, committed: Number(offset), end: Number(high) });
      }
    }
    return rows.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
  } finally {
    await admin.disconnect();
  }
}

/** Sum of the end offsets of a topic's partitions: how many messages it ever held. */
export async function endOffsetTotal(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
  } finally {
    await admin.disconnect();
  }
}
