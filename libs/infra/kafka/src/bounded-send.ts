import { type Kafka, type Message, Partitioners, type Producer } from 'kafkajs';

/**
 * The most bytes one produced message may take. The broker refuses a record batch over `message.max.bytes`
 * (1,048,588 by default); kafkajs puts every message of a send for one partition into one record batch. A
 * message's own size is checked against this, and a send is cut so that no request carries more than it.
 */
export const MAX_MESSAGE_BYTES = 1_000_000;

/**
 * The most bytes of one produce request when the topics' partition counts are known: well under the broker's
 * `socket.request.max.bytes` (100 MiB by default), while each partition's record batch keeps to MAX_MESSAGE_BYTES.
 */
export const MAX_REQUEST_BYTES = 16 * MAX_MESSAGE_BYTES;

/** Record overhead per message in a v2 record batch (varints, attributes, deltas), rounded up. */
const RECORD_OVERHEAD_BYTES = 64;

export interface TopicMessages {
  readonly topic: string;
  readonly messages: readonly Message[];
}

function byteLength(value: Message['value'] | Message['key']): number {
  if (value === null || value === undefined) {
    return 0;
  }
  return typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : value.length;
}

/** The bytes a message adds to a record batch: key, value, headers and the record's own overhead. */
export function encodedSize(message: Message): number {
  let headers = 0;
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    const values = Array.isArray(value) ? value : [value];
    headers += values.reduce((sum: number, v) => sum + Buffer.byteLength(name) + byteLength(v as Buffer), 0);
  }
  return byteLength(message.key) + byteLength(message.value) + headers + RECORD_OVERHEAD_BYTES;
}

export class MessageTooLargeError extends Error {
  override readonly name = 'MessageTooLargeError';
}

/** How many partitions a topic has, when the sender knows it. */
export type PartitionCounts = (topic: string) => number | undefined;

/** kafkajs's own default partitioner (murmur2 of the key, as Java's), so a message goes where kafkajs would send it. */
const defaultPartitioner = Partitioners.DefaultPartitioner();

function partitionOf(topic: string, partitions: number, message: Message): number {
  const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({
    partitionId,
    leader: 0,
    replicas: [0],
    isr: [0],
    partitionErrorCode: 0,
  }));
  return defaultPartitioner({ topic, partitionMetadata, message });
}

/**
 * Splits topic messages into sends, keeping the order of each topic's messages (so the order per key, hence per
 * partition, is kept). The broker's limit is on each partition's record batch in a request. A topic whose partition
 * count is known (`partitions`) gets each message's partition set as kafkajs's default partitioner would choose it,
 * and a send carries up to `maxBytes` for each of its partitions and MAX_REQUEST_BYTES in all; any other topic's
 * messages could all go to one partition, so a send carries up to `maxBytes` of them, and without partition counts a
 * send carries up to `maxBytes` in all. A single message over the limit is an error: the caller reduces it first (a
 * dead letter carries a prefix of its original; a journey update drops its events).
 */
export function splitBySize(
  topicMessages: readonly TopicMessages[],
  maxBytes = MAX_MESSAGE_BYTES,
  partitions?: PartitionCounts,
): TopicMessages[][] {
  const maxRequestBytes = partitions === undefined ? maxBytes : Math.max(maxBytes, MAX_REQUEST_BYTES);
  const sends: TopicMessages[][] = [];
  let current: TopicMessages[] = [];
  let currentBytes = 0;
  let batchBytes = new Map<string, number>();
  for (const { topic, messages } of topicMessages) {
    const count = partitions?.(topic);
    let chunk: Message[] = [];
    const flushChunk = () => {
      if (chunk.length > 0) {
        current.push({ topic, messages: chunk });
        chunk = [];
      }
    };
    for (const original of messages) {
      const size = encodedSize(original);
      if (size > maxBytes) {
        throw new MessageTooLargeError(
          `a message for ${topic} takes ${size} bytes, over the limit of ${maxBytes}: reduce it before sending`,
        );
      }
      const message = count === undefined ? original : { ...original, partition: partitionOf(topic, count, original) };
      const batch = count === undefined ? topic : `${topic}/${message.partition}`;
      if (currentBytes + size > maxRequestBytes || (batchBytes.get(batch) ?? 0) + size > maxBytes) {
        flushChunk();
        sends.push(current);
        current = [];
        currentBytes = 0;
        batchBytes = new Map();
      }
      chunk.push(message);
      currentBytes += size;
      batchBytes.set(batch, (batchBytes.get(batch) ?? 0) + size);
    }
    flushChunk();
  }
  if (current.length > 0) {
    sends.push(current);
  }
  return sends;
}

/**
 * Sends every message, in as many requests as the size limit needs, one after another, each acknowledged by all
 * replicas. With the topics' partition counts (see PartitionCountCache) a request carries up to the limit per
 * partition, not in all: a backlog's journey updates go in a sixth of the requests on six partitions.
 */
export async function sendWithinLimit(
  producer: Producer,
  topicMessages: readonly TopicMessages[],
  partitions?: PartitionCounts,
): Promise<void> {
  for (const send of splitBySize(topicMessages, MAX_MESSAGE_BYTES, partitions)) {
    await producer.sendBatch({
      topicMessages: send.map((t) => ({ topic: t.topic, messages: [...t.messages] })),
      acks: -1,
    });
  }
}

/**
 * The partition counts of the topics a producer sends to, read from the broker and read again after `maxAgeMs` (as
 * kafkajs refreshes its own metadata, every 5 minutes by default), so that partitions added to a topic are used.
 */
export class PartitionCountCache {
  private readonly counts = new Map<string, { partitions: number; readAt: number }>();

  constructor(
    private readonly kafka: Kafka,
    private readonly maxAgeMs = 300_000,
  ) {}

  /** The counts of these topics, read from the broker for those not known or known too long. */
  async of(topics: readonly string[]): Promise<PartitionCounts> {
    const stale = topics.filter((topic) => {
      const known = this.counts.get(topic);
      return known === undefined || Date.now() - known.readAt > this.maxAgeMs;
    });
    if (stale.length > 0) {
      const admin = this.kafka.admin();
      await admin.connect();
      try {
        const metadata = await admin.fetchTopicMetadata({ topics: [...new Set(stale)] });
        for (const topic of metadata.topics) {
          this.counts.set(topic.name, { partitions: topic.partitions.length, readAt: Date.now() });
        }
      } finally {
        await admin.disconnect();
      }
    }
    return (topic) => this.counts.get(topic)?.partitions;
  }
}
