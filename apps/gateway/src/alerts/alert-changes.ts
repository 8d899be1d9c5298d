import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka, Producer } from 'kafkajs';
import { TOPICS, type AlertChange } from '@mmt/contracts';
import { createProducer, sendPayloads, TopicNames } from '@mmt/kafka';
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
    await sendPayloads(this.producer, this.topics, TOPICS.alerts, [{ key: change.alert.containerNo, payload: change }]);
  }
}
