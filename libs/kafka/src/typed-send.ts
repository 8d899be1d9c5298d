import type { Producer } from 'kafkajs';
import { encodePayload, type TopicName, type TopicPayloads } from '@mmt/contracts';
import { sendWithinLimit, type TopicMessages } from './bounded-send';
import type { TopicNames } from './topic-names';

/** A payload of the topic's contract type and the key it travels under. */
export interface KeyedPayload<T extends TopicName> {
  readonly key: string | null;
  readonly payload: TopicPayloads[T];
}

/**
 * One topic's messages under this run's topic names, each payload encoded by its contract: a payload of another
 * topic's type does not compile. Give several to `sendWithinLimit` to send them in one go.
 */
export function payloadMessages<T extends TopicName>(
  topics: TopicNames,
  topic: T,
  items: readonly KeyedPayload<T>[],
): TopicMessages {
  return {
    topic: topics.name(topic),
    messages: items.map(({ key, payload }) => ({ key, value: encodePayload(topic, payload) })),
  };
}

/** The typed send: the payloads to their topic, in order, within the broker's size limit. Nothing to send, no request. */
export async function sendPayloads<T extends TopicName>(
  producer: Producer,
  topics: TopicNames,
  topic: T,
  items: readonly KeyedPayload<T>[],
): Promise<void> {
  if (items.length > 0) {
    await sendWithinLimit(producer, [payloadMessages(topics, topic, items)]);
  }
}
