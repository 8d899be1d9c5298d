import type { Message, Producer } from 'kafkajs';
import { encodePayload, type TopicName, type TopicPayloads } from '@mmt/contracts';
import { sendWithinLimit } from './bounded-send';
import type { TopicNames } from './topic-names';

/** A payload of the topic's contract type and the key it travels under. */
export interface KeyedPayload<T extends TopicName> {
  readonly key: string | null;
  readonly payload: TopicPayloads[T];
}

/** Messages for a topic by its contract name: the service runtime's `send` puts them under the run's names. */
export interface PayloadMessages<T extends TopicName> {
  readonly topic: T;
  readonly messages: readonly Message[];
}

/** The topic's messages, each payload encoded by its contract: a payload of another topic's type does not compile. */
export function payloadMessages<T extends TopicName>(topic: T, items: readonly KeyedPayload<T>[]): PayloadMessages<T> {
  return { topic, messages: items.map(({ key, payload }) => ({ key, value: encodePayload(topic, payload) })) };
}

/**
 * The typed send for code outside the service runtime: the payloads to their topic under this run's names, in
 * order, within the broker's size limit. Nothing to send, no request.
 */
export async function sendPayloads<T extends TopicName>(
  producer: Producer,
  topics: TopicNames,
  topic: T,
  items: readonly KeyedPayload<T>[],
): Promise<void> {
  if (items.length > 0) {
    const { messages } = payloadMessages(topic, items);
    await sendWithinLimit(producer, [{ topic: topics.name(topic), messages }]);
  }
}
