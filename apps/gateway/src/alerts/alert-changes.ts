import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { TOPICS, type AlertChange } from '@mmt/contracts';
import { sendPayloads, TopicNames } from '@mmt/kafka';
import { KAFKA } from '@mmt/platform';
import { ProducingService } from '../producing-service';

/** Sends the alert changes people make (acknowledge, resolve) to the alerts topic, as the alerts service does. */
@Injectable()
export class AlertChanges extends ProducingService {
  constructor(@Inject(KAFKA) kafka: Kafka, topics: TopicNames) {
    super(kafka, topics);
  }

  async send(change: AlertChange): Promise<void> {
    await sendPayloads(this.producer, this.topics, TOPICS.alerts, [{ key: change.alert.containerNo, payload: change }]);
  }
}
