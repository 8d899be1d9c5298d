import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { KafkaMessage } from 'kafkajs';
import { TOPICS, type DeadLetter } from '@mmt/contracts';
import { EdiInterchangesRepository, receiveInterchange } from '@mmt/edi';
import { MAPPED_TOPICS, type Mapped, type MappedTo, type MappedTopic } from '@mmt/edifact';
import {
  deadLetterMessages,
  payloadMessages,
  toDeadLetter,
  type BatchContext,
  type KeyedPayload,
  type PayloadMessages,
} from '@mmt/kafka';
import { ConsumerRuntime, type LogFields } from '@mmt/platform';

/**
 * Consumes UN/EDIFACT interchanges (`raw.edifact.v1`), sends the raw messages mapped from them to the raw topics
 * (where the normalizer takes them as from any source), answers each on `edi.replies.v1` with its CONTRL (and
 * APERAK), and dead-letters an interchange whole, with the reasons, when any of it was refused.
 */
@Injectable()
export class EdiService implements OnApplicationBootstrap {
  private readonly logger = new Logger(EdiService.name);
  constructor(
    private readonly runtime: ConsumerRuntime,
    private readonly interchanges: EdiInterchangesRepository,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.runtime.start<KafkaMessage>({
      service: 'edi',
      logger: this.logger,
      batchLine: 'interchanges read',
      topics: [TOPICS.rawEdifact],
      // No parser: readInterchange answers every interchange, whatever its bytes, and dead-letters what it refuses.
      handle: (messages, context) => this.handle(messages, context),
    });
  }

  private async handle(messages: readonly KafkaMessage[], context: BatchContext): Promise<LogFields> {
    const raw: Mapped[] = [];
    const replies: KeyedPayload<typeof TOPICS.ediReplies>[] = [];
    const deadLetters: DeadLetter[] = [];
    for (const message of messages) {
      const from = `${context.topic}/${context.partition}/${message.offset}`;
      const received = await receiveInterchange(message.value ?? Buffer.alloc(0), from, this.interchanges);
      raw.push(...received.mapped);
      // Keyed by the sender, or when the interchange is unreadable the key it came under: a sender's answers keep its order.
      replies.push({ key: received.reply.sender || (message.key?.toString('utf8') ?? null), payload: received.reply });
      if (received.deadLetterReasons.length > 0) {
        deadLetters.push(
          toDeadLetter(
            { topic: context.topic, partition: context.partition, message },
            received.deadLetterReasons,
            'edi',
          ),
        );
        this.logger.warn({ message: 'dead-lettered', offset: message.offset, reason: received.deadLetterReasons[0] });
      }
    }
    // Sent again when the batch is redone: raw messages keep their ids, a dead letter names its source offset.
    await this.runtime.send([
      ...MAPPED_TOPICS.map((topic) => sendsTo(topic, raw)),
      payloadMessages(TOPICS.ediReplies, replies),
      { topic: TOPICS.deadLetter, messages: deadLetterMessages(deadLetters) },
    ]);
    return { interchanges: messages.length, rawMessages: raw.length, deadLetters: deadLetters.length };
  }
}

/** The raw messages for one topic, in the order of the interchanges. */
function sendsTo<T extends MappedTopic>(topic: T, raw: readonly Mapped[]): PayloadMessages<T> {
  const items = (raw as readonly MappedTo<MappedTopic>[])
    .filter((m): m is MappedTo<T> => m.topic === topic)
    .map((m) => ({ key: m.key, payload: m.message }));
  return payloadMessages(topic, items);
}
