import type { KafkaMessage } from 'kafkajs';
import { TOPICS, type DeadLetter } from '@mmt/contracts';
import { MAPPED_TOPICS, type Mapped, type MappedTo, type MappedTopic } from '@mmt/edifact';
import { deadLetterMessages, payloadMessages, toDeadLetter, type PayloadMessages } from '@mmt/kafka';
import type { ReceivedInterchange } from './receive-interchange';

/** Where an interchange came from, as its dead letter names it: a Kafka message, or an HTTP request. */
export interface InterchangeOrigin {
  readonly topic: string;
  readonly partition: number;
  readonly message: KafkaMessage;
}

/** An interchange POSTed to the gateway, as a dead letter names it: `POST /edi/interchanges`, the request's id. */
export function httpOrigin(requestId: string, bytes: Buffer, key: string): InterchangeOrigin {
  return {
    topic: 'POST /edi/interchanges',
    partition: 0,
    message: {
      key: Buffer.from(key),
      value: bytes,
      offset: requestId,
      timestamp: String(Date.now()),
      attributes: 0,
      headers: {},
    },
  };
}

/**
 * What the interchanges received send, in their order: the raw messages to their raw topics, each answer to
 * `edi.replies.v1` (keyed by the sender, or the key it came under when unreadable), and a dead letter for each
 * interchange refused whole or in part.
 */
export function interchangeSends(
  received: readonly { readonly origin: InterchangeOrigin; readonly received: ReceivedInterchange }[],
): PayloadMessages<(typeof TOPICS)[keyof typeof TOPICS]>[] {
  const raw = received.flatMap((r) => r.received.mapped);
  const replies = received.map(({ origin, received: r }) => ({
    key: r.reply.sender || (origin.message.key?.toString('utf8') ?? null),
    payload: r.reply,
  }));
  const letters: DeadLetter[] = received
    .filter((r) => r.received.deadLetterReasons.length > 0)
    .map(({ origin, received: r }) => toDeadLetter(origin, r.deadLetterReasons, 'edi'));
  return [
    ...MAPPED_TOPICS.map((topic) => sendsTo(topic, raw)),
    payloadMessages(TOPICS.ediReplies, replies),
    { topic: TOPICS.deadLetter, messages: deadLetterMessages(letters) },
  ];
}

/** The raw messages for one topic, in the order of the interchanges. */
function sendsTo<T extends MappedTopic>(topic: T, raw: readonly Mapped[]): PayloadMessages<T> {
  const items = (raw as readonly MappedTo<MappedTopic>[])
    .filter((m): m is MappedTo<T> => m.topic === topic)
    .map((m) => ({ key: m.key, payload: m.message }));
  return payloadMessages(topic, items);
}
