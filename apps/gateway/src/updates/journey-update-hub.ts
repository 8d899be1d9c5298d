import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Consumer, Kafka } from 'kafkajs';
import { TOPICS, type JourneyUpdate } from '@mmt/contracts';
import { deleteConsumerGroups, ensureTopics, TopicNames } from '@mmt/kafka';
import { fatalHandler, KAFKA, PLATFORM_CONFIG, type PlatformConfig } from '@mmt/platform';
import { BoundedSubscription } from './bounded-subscription';

export const MAX_BUFFERED_UPDATES = 1000;

type Listener = (update: JourneyUpdate) => void;

/**
 * This gateway instance's feed of journey updates. Each instance reads the update topic with a consumer
 * group of its own, so every instance sees every update and any number of instances can run.
 */
@Injectable()
export class JourneyUpdateHub implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JourneyUpdateHub.name);
  private readonly listeners = new Set<Listener>();
  private readonly instanceId = randomUUID().slice(0, 8);
  private consumer?: Consumer;
  private ready?: Promise<void>;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    private readonly topics: TopicNames,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await ensureTopics(this.kafka, this.topics.specs());
    const groupId = `${this.topics.prefix}gateway-${this.instanceId}`;
    this.consumer = this.kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1000 });
    // Without its feed the gateway would serve subscriptions that never receive anything: it exits instead.
    this.consumer.on(this.consumer.events.CRASH, (event) => fatalHandler(this.config, 'gateway')(event.payload.error));
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topics.name(TOPICS.journeyUpdates), fromBeginning: false });
    this.ready = new Promise((resolve) => {
      this.consumer?.on(this.consumer.events.GROUP_JOIN, () => resolve());
    });
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        const update = JSON.parse(message.value?.toString('utf8') ?? 'null') as JourneyUpdate | null;
        if (update?.journey !== undefined) {
          for (const listener of this.listeners) {
            listener(update);
          }
        }
        await Promise.resolve();
      },
    });
    await this.ready;
    this.logger.log({ message: 'reading journey updates', groupId });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
    await deleteConsumerGroups(this.kafka, [`${this.topics.prefix}gateway-${this.instanceId}`]);
  }

  /** Updates that pass `accept`, from now on, buffered up to MAX_BUFFERED_UPDATES. */
  subscribe(
    accept: (update: JourneyUpdate) => boolean,
    onOverflow?: (limit: number) => void,
  ): AsyncIterableIterator<JourneyUpdate> {
    const listener: Listener = (update) => {
      if (accept(update)) {
        subscription.push(update);
      }
    };
    const subscription = new BoundedSubscription<JourneyUpdate>(
      MAX_BUFFERED_UPDATES,
      () => this.listeners.delete(listener),
      onOverflow,
    );
    this.listeners.add(listener);
    return subscription;
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }
}
