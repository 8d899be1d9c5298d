import { Injectable } from '@nestjs/common';
import { TOPICS, type JourneyUpdate, type TopicName } from '@mmt/contracts';
import { KafkaFeed } from './kafka-feed';

export { MAX_BUFFERED_UPDATES } from './kafka-feed';

/** This gateway instance's feed of journey updates. */
@Injectable()
export class JourneyUpdateHub extends KafkaFeed<JourneyUpdate> {
  protected feedName(): string {
    return 'updates';
  }

  protected readTopics(): readonly TopicName[] {
    return [TOPICS.journeyUpdates];
  }

  protected parse(_topic: TopicName, value: unknown): JourneyUpdate | undefined {
    const update = value as JourneyUpdate | null | undefined;
    return update?.journey === undefined ? undefined : update;
  }
}
