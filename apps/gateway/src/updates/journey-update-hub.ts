import { Injectable } from '@nestjs/common';
import { parseJourneyUpdate, TOPICS, type JourneyUpdate, type TopicName } from '@mmt/contracts';
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

  protected parse(_topic: TopicName, bytes: Buffer | null): JourneyUpdate | undefined {
    const checked = parseJourneyUpdate(bytes);
    return checked.ok ? checked.value : undefined;
  }
}
