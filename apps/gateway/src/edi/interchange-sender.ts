import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { sendWithinLimit, TopicNames, type PayloadMessages } from '@mmt/kafka';
import type { TopicName } from '@mmt/contracts';
import { KAFKA } from '@mmt/platform';
import { ProducingService } from '../producing-service';

/** Sends what an interchange POSTed to the gateway gives (raw messages, its answer, a dead letter), as the edi service does. */
@Injectable()
export class InterchangeSender extends ProducingService {
  constructor(@Inject(KAFKA) kafka: Kafka, topics: TopicNames) {
    super(kafka, topics);
  }

  async send(sends: readonly PayloadMessages<TopicName>[]): Promise<void> {
    const nonEmpty = sends.filter((send) => send.messages.length > 0);
    await sendWithinLimit(
      this.producer,
      nonEmpty.map((send) => ({ topic: this.topics.name(send.topic), messages: send.messages })),
    );
  }
}
