import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka, Producer } from 'kafkajs';
import { encodePayload, TOPICS, type AlertChange } from '@mmt/contracts';
import { createProducer, sendWithinLimit, TopicNames } from '@mmt/kafka';
import { KAFKA } from '@mmt/platform';

/** Sends the alert changes people make (acknowledge, resolve) to the alerts topic, as the alerts service does. */
@Injectable()
export class AlertChanges implements OnApplicationBootstrap, OnApplicationShutdown {
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

  async send(change: AlertChange): Promise<void> {
    await sendWithinLimit(this.producer, [
      {
        topic: this.topics.name(TOPICS.alerts),
        messages: [{ key: change.alert.containerNo, value: encodePayload(TOPICS.alerts, change) }],
      },
    ]);
  }
}
