import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Kafka, Producer } from 'kafkajs';
import { createProducer, type TopicNames } from '@mmt/kafka';

/**
 * A gateway service that sends to Kafka what people do through the gateway, as the service that owns the topic
 * would: with a producer of its own, connected when the gateway starts and disconnected when it stops.
 */
export abstract class ProducingService implements OnApplicationBootstrap, OnApplicationShutdown {
  protected readonly producer: Producer;

  protected constructor(
    kafka: Kafka,
    protected readonly topics: TopicNames,
  ) {
    this.producer = createProducer(kafka);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.producer.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
  }
}
