import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka, Producer } from 'kafkajs';
import { createProducer, sendWithinLimit, TopicNames, type PayloadMessages } from '@mmt/kafka';
import type { TopicName } from '@mmt/contracts';
import { KAFKA } from '@mmt/platform';

/** Sends what an interchange POSTed to the gateway gives (raw messages, its answer, a dead letter), as the edi service does. */
@Injectable()
export class InterchangeSender implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly producer: Producer;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    private readonly topics: TopicNames,
  ) {
    this.producer = createProducer(kafka);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.producer.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
  }

  async send(sends: readonly PayloadMessages<TopicName>[]): Promise<void> {
    const nonEmpty = sends.filter((send) => send.messages.length > 0);
    await sendWithinLimit(
      this.producer,
      nonEmpty.map((send) => ({ topic: this.topics.name(send.topic), messages: send.messages })),
    );
  }
}
