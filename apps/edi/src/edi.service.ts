import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { KafkaMessage } from 'kafkajs';
import { atFailpoint } from '@mmt/config';
import { TOPICS } from '@mmt/contracts';
import { EdiInterchangesRepository, interchangeSends, receiveInterchanges } from '@mmt/edi';
import type { BatchContext } from '@mmt/kafka';
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
    const origins = messages.map((message) => ({ topic: context.topic, partition: context.partition, message }));
    const incoming = origins.map(({ message }) => ({
      bytes: message.value ?? Buffer.alloc(0),
      receivedFrom: `${context.topic}/${context.partition}/${message.offset}`,
    }));
    const answers = await receiveInterchanges(incoming, this.interchanges);
    const received = answers.map((answer, i) => ({ origin: origins[i], received: answer }));
    for (const { origin, received: r } of received.filter((x) => x.received.deadLetterReasons.length > 0)) {
      this.logger.warn({ message: 'dead-lettered', offset: origin.message.offset, reason: r.deadLetterReasons[0] });
    }
    // Sent again when the batch is redone: raw messages keep their ids, a dead letter names its source offset.
    await atFailpoint('edi.sendBatch', () => this.runtime.send(interchangeSends(received)));
    const rawMessages = received.reduce((n, r) => n + r.received.mapped.length, 0);
    const deadLetters = received.filter((r) => r.received.deadLetterReasons.length > 0).length;
    return { interchanges: messages.length, rawMessages, deadLetters };
  }
}
