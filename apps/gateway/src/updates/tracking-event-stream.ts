import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Kafka, KafkaMessage } from 'kafkajs';
import type { Principal } from '@mmt/access';
import { parseJourneyUpdate, TOPICS } from '@mmt/contracts';
import { topicStartOffsets, TopicNames } from '@mmt/kafka';
import { KAFKA } from '@mmt/platform';
import { EventLogRepository } from '@mmt/store';
import { cursorExpired } from '../graphql-errors';
import { readRanges, RetentionGapError } from './bounded-replay';
import { JourneyUpdateHub } from './journey-update-hub';
import { rangesToReplay, type ReplayRange } from './replay-ranges';
import { ReplaySlots } from './replay-slots';
import { decodeStreamCursor } from './stream-cursor';
import { StreamSubscriber, type StreamedEvent, type StreamFilter } from './stream-subscriber';

export type { StreamedEvent, StreamFilter } from './stream-subscriber';

/**
 * Resumable streams of tracking events, fed by the gateway's one JourneyUpdateHub consumer. A stream resumed with
 * the last cursor its client saw attaches to the hub first (holding what comes), reads what lies between the cursor
 * and where the hub stood then with a short-lived consumer (at most MAX_REPLAY_MESSAGES; at most
 * MAX_CONCURRENT_REPLAYS of them at once), then goes on with what it held: every event after the cursor, in topic
 * order per partition, then live events; no gap, nothing twice.
 */
@Injectable()
export class TrackingEventStream {
  private readonly logger = new Logger(TrackingEventStream.name);
  private readonly slots = new ReplaySlots();

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly hub: JourneyUpdateHub,
    private readonly eventLog: EventLogRepository,
    private readonly topics: TopicNames,
  ) {}

  async open(
    principal: Principal,
    filter: StreamFilter,
    after: string | undefined,
    onOverflow: (limit: number) => void,
  ): Promise<AsyncIterableIterator<StreamedEvent>> {
    const cursor = after === undefined ? undefined : decodeStreamCursor(after);
    const subscriber = new StreamSubscriber(this.hub, principal, filter, onOverflow, cursor);
    if (cursor === undefined) {
      return subscriber.subscription;
    }
    let ranges: Map<number, ReplayRange>;
    try {
      const topic = this.topics.name(TOPICS.journeyUpdates);
      const earliest = (await topicStartOffsets(this.kafka, [topic])).get(topic)!;
      ranges = rangesToReplay(cursor, subscriber.attachedAt, earliest);
    } catch (error) {
      await subscriber.subscription.return();
      throw error;
    }
    void this.replay(subscriber, ranges);
    return subscriber.subscription;
  }

  /** Reads the subscriber's backlog, then lets it go live; a failure ends its subscription (it may resume). */
  private async replay(subscriber: StreamSubscriber, ranges: ReadonlyMap<number, ReplayRange>): Promise<void> {
    const groupId = `${this.topics.prefix}gateway-replay-${randomUUID()}`;
    const catchUp = async (partition: number, message: KafkaMessage) => {
      // An update its parser refuses adds no events to the stream: it is passed over, as every reader does.
      const checked = parseJourneyUpdate(message.value);
      const update = checked.ok && subscriber.wantsJourney(checked.value.journey) ? checked.value : undefined;
      const added = update && { journey: update.journey, events: await this.eventLog.addedBy(update) };
      await subscriber.catchUp(partition, message.offset, added);
    };
    try {
      if (ranges.size > 0) {
        const topic = this.topics.name(TOPICS.journeyUpdates);
        // A stream waiting for a slot holds its live updates meanwhile (up to MAX_HELD_UPDATES); one whose client
        // went while it waited reads nothing.
        await this.slots.run(async () => {
          if (!subscriber.ended.signal.aborted) {
            await readRanges(this.kafka, topic, groupId, ranges, catchUp, subscriber.ended.signal);
          }
        });
      }
      await subscriber.goLive();
    } catch (error) {
      this.logger.warn({ message: 'stream replay failed', groupId, error: (error as Error).message });
      subscriber.fail(
        error instanceof RetentionGapError
          ? cursorExpired(
              `Updates after this cursor were deleted by the update topic's retention while the stream read them ` +
                `(partition ${error.partition}, offsets ${error.from} to ${error.to - 1n}): read the journeys again ` +
                'and subscribe without `after`',
            )
          : new Error('The stream could not read its backlog; resume later with the last cursor received'),
      );
    }
  }
}
