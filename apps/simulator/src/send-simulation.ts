import type { Kafka } from 'kafkajs';
import { createProducer, type TopicNames } from '@mmt/kafka';
import type { FeedMessage } from '@mmt/simulator';

export interface SendOptions {
  /** Messages per second; 0 sends as fast as the broker takes them. */
  readonly rate: number;
  readonly onProgress?: (sent: number, total: number) => void;
}

const CHUNK = 200;

/** Produces the simulated raw messages in their order, paced to `rate`, reporting progress per chunk. */
export async function sendSimulation(
  kafka: Kafka,
  topics: TopicNames,
  messages: readonly FeedMessage[],
  options: SendOptions,
): Promise<void> {
  const producer = createProducer(kafka);
  await producer.connect();
  const started = Date.now();
  try {
    const chunk = options.rate > 0 ? Math.max(1, Math.min(CHUNK, Math.ceil(options.rate / 10))) : CHUNK;
    for (let sent = 0; sent < messages.length; sent += chunk) {
      const slice = messages.slice(sent, sent + chunk);
      const byTopic = new Map<string, { key: string; value: Buffer }[]>();
      for (const message of slice) {
        const topic = topics.name(message.topic);
        byTopic.set(topic, [...(byTopic.get(topic) ?? []), { key: message.key, value: message.value }]);
      }
      // One topic at a time, in order: a key's messages keep their simulated order.
      for (const [topic, topicMessages] of byTopic) {
        await producer.send({ topic, messages: topicMessages, acks: -1 });
      }
      const done = sent + slice.length;
      options.onProgress?.(done, messages.length);
      if (options.rate > 0) {
        const due = started + (done / options.rate) * 1000;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
      }
    }
  } finally {
    await producer.disconnect();
  }
}
