import { Injectable, Logger } from '@nestjs/common';
import { parseJourneyUpdate, TOPICS, type JourneyUpdate, type TopicName, type TrackingEvent } from '@mmt/contracts';
import { EventLogRepository } from '@mmt/store';
import { GatewayConsumer } from './gateway-consumer';
import { KafkaFeed } from './kafka-feed';

export { MAX_BUFFERED_UPDATES } from './kafka-feed';

/** A journey update as the hub hands it out. */
export interface LiveUpdate {
  readonly update: JourneyUpdate;
  /**
   * The events it adds (EventLogRepository.addedBy), read once for all the trackingEvents streams that want the
   * update; undefined when none does, or when they could not be read (`unreadable`).
   */
  readonly events?: readonly TrackingEvent[];
  readonly unreadable?: Error;
}

/**
 * This gateway instance's feed of journey updates, the one Kafka consumer of its journeyUpdated subscriptions and
 * trackingEvents streams. Listeners that name containers (`keys`) are asked about those containers' updates only.
 */
@Injectable()
export class JourneyUpdateHub extends KafkaFeed<LiveUpdate> {
  private readonly logger = new Logger(JourneyUpdateHub.name);

  constructor(
    consumer: GatewayConsumer,
    private readonly eventLog: EventLogRepository,
  ) {
    super(consumer);
  }

  protected readTopics(): readonly TopicName[] {
    return [TOPICS.journeyUpdates];
  }

  protected parse(_topic: TopicName, bytes: Buffer | null): LiveUpdate | undefined {
    const checked = parseJourneyUpdate(bytes);
    return checked.ok ? { update: checked.value } : undefined;
  }

  protected keyOf({ update }: LiveUpdate): string {
    return update.journey.containerNo;
  }

  /** The events the update adds, for the streams: read from the store when the update omits them. */
  protected override async prepare({ update }: LiveUpdate): Promise<LiveUpdate> {
    try {
      return { update, events: await this.eventLog.addedBy(update) };
    } catch (error) {
      // The streams that want it end, and their clients resume; what went wrong is for the operator, not for them.
      this.logger.warn({
        message: 'events of a journey update unreadable',
        journeyId: update.journey.journeyId,
        error: (error as Error).message,
      });
      return { update, unreadable: error as Error };
    }
  }

  /** Where the feed stands on each partition of the update topic. */
  positions(): ReadonlyMap<number, string> {
    return this.positionsOf(TOPICS.journeyUpdates);
  }
}
