import { CompressionTypes, type Message, type Producer } from 'kafkajs';

/**
 * The most bytes one produced message may take. The broker refuses a record batch over `message.max.bytes`
 * (1,048,588 by default); kafkajs puts every message of a send for one partition into one record batch. A
 * message's own size is checked against this, and a send is cut so that no request carries more than it.
 */
export const MAX_MESSAGE_BYTES = 1_000_000;

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

/**
 * Splits topic messages into sends of at most `maxBytes` each, keeping the order of each topic's messages
 * (so the order per key, hence per partition, is kept). A single message over the limit is an error: the
 * caller reduces it first (a dead letter carries a prefix of its original; a journey update drops its events).
 */
export function splitBySize(topicMessages: readonly TopicMessages[], maxBytes = MAX_MESSAGE_BYTES): TopicMessages[][] {
  const sends: TopicMessages[][] = [];
  let current: TopicMessages[] = [];
  let currentBytes = 0;
  for (const { topic, messages } of topicMessages) {
    let chunk: Message[] = [];
    const flushChunk = () => {
      if (chunk.length > 0) {
        current.push({ topic, messages: chunk });
        chunk = [];
      }
    };
    for (const message of messages) {
      const size = encodedSize(message);
      if (size > maxBytes) {
        throw new MessageTooLargeError(
          `a message for ${topic} takes ${size} bytes, over the limit of ${maxBytes}: reduce it before sending`,
        );
      }
      if (currentBytes + size > maxBytes) {
        flushChunk();
        sends.push(current);
        current = [];
        currentBytes = 0;
      }
      chunk.push(message);
      currentBytes += size;
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
 * replicas, gzip-compressed: the platform's messages are JSON, which gzip shrinks several times over, so the broker
 * writes and serves a fraction of the bytes (kafkajs compresses on libuv's thread pool, beside the event loop).
 * Every Kafka client reads gzip; the size limit is checked on the bytes before compression, so it holds after.
 */
export async function sendWithinLimit(producer: Producer, topicMessages: readonly TopicMessages[]): Promise<void> {
  for (const send of splitBySize(topicMessages)) {
    await producer.sendBatch({
      topicMessages: send.map((t) => ({ topic: t.topic, messages: [...t.messages] })),
      acks: -1,
      compression: CompressionTypes.GZIP,
    });
  }
}
