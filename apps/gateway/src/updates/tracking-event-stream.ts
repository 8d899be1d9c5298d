import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { canSee, type Principal } from '@mmt/access';
import { parseJourneyUpdate, TOPICS, type Journey, type TrackingEvent } from '@mmt/contracts';
import { deleteConsumerGroups, topicEndOffsets, TopicNames } from '@mmt/kafka';
import { KAFKA } from '@mmt/platform';
import { EventLogRepository } from '@mmt/store';
import { BoundedSubscription } from './bounded-subscription';
import { MAX_BUFFERED_UPDATES } from './journey-update-hub';
import { decodeStreamCursor, encodeStreamCursor, type StreamPosition } from './stream-cursor';

const STALL_TIMEOUT_MS = 30_000;

export interface StreamedEvent {
  readonly cursor: string;
  readonly event: TrackingEvent;
  readonly journey: Journey;
}

export type EventAccept = (event: TrackingEvent, journey: Journey) => boolean;

/**
 * Resumable streams of tracking events. Each stream reads the journey-update topic with a consumer of its
 * own, from the cursor's positions (or from now), so a client that reconnects with the last cursor it saw
 * gets every event after it, in topic order, then live events: no gap, nothing twice.
 */
@Injectable()
export class TrackingEventStream {
  private readonly logger = new Logger(TrackingEventStream.name);
  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly eventLog: EventLogRepository,
    private readonly topics: TopicNames,
  ) {}

  private async startPosition(topic: string, after?: string): Promise<StreamPosition> {
    const latest = (await topicEndOffsets(this.kafka, [topic])).get(topic)!;
    const position: StreamPosition = Object.fromEntries(
      [...latest].map(([partition, offset]) => [partition, { offset, skip: 0 }]),
    );
    return after === undefined ? position : { ...position, ...decodeStreamCursor(after) };
  }

  async open(
    principal: Principal,
    accept: EventAccept,
    after: string | undefined,
    onOverflow: (limit: number) => void,
  ): Promise<AsyncIterableIterator<StreamedEvent>> {
    const topic = this.topics.name(TOPICS.journeyUpdates);
    const position = await this.startPosition(topic, after);
    const groupId = `${this.topics.prefix}gateway-stream-${randomUUID()}`;
    const consumer = this.kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1000 });
    const close = () => {
      void consumer
        .disconnect()
        .then(() => deleteConsumerGroups(this.kafka, [groupId]))
        .catch((error: Error) => this.logger.warn({ message: 'stream close failed', groupId, error: error.message }));
    };
    const subscription = new BoundedSubscription<StreamedEvent>(MAX_BUFFERED_UPDATES, close, onOverflow);

    const seekToPosition = () => {
      for (const [partition, { offset }] of Object.entries(position)) {
        consumer.seek({ topic, partition: Number(partition), offset });
      }
    };
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: false });
    // The stream commits nothing, so a consumer that rejoins its group (the broker lost its heartbeats under load)
    // would start again at the latest offsets and skip what came meanwhile: it goes back to where it stands instead.
    consumer.on(consumer.events.GROUP_JOIN, seekToPosition);
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        // An update its parser refuses adds no events to the stream: it is passed over, as every reader does.
        const checked = parseJourneyUpdate(message.value);
        const update = checked.ok ? checked.value : undefined;
        const start = position[partition];
        const skip = start !== undefined && start.offset === message.offset ? start.skip : 0;
        const events = update === undefined ? [] : await this.eventLog.addedBy(update);
        for (let i = skip; i < events.length; i += 1) {
          position[partition] = { offset: message.offset, skip: i + 1 };
          const journey = update!.journey;
          if (canSee(principal, journey) && accept(events[i], journey)) {
            // Reading a backlog waits for the client (Kafka holds the rest); a client that takes
            // nothing for STALL_TIMEOUT_MS overflows and is closed.
            await subscription.waitForRoom(STALL_TIMEOUT_MS);
            subscription.push({ cursor: encodeStreamCursor(position), event: events[i], journey });
          }
        }
        position[partition] = { offset: (BigInt(message.offset) + 1n).toString(), skip: 0 };
      },
    });
    seekToPosition();
    return subscription;
  }
}
