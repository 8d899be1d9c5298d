import { randomUUID } from 'node:crypto';
import { Inject, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Consumer, Kafka } from 'kafkajs';
import type { TopicName } from '@mmt/contracts';
import { deleteConsumerGroups, ensureTopics, topicEndOffsets, TopicNames } from '@mmt/kafka';
import { fatalHandler, KAFKA, PLATFORM_CONFIG, type PlatformConfig } from '@mmt/platform';
import { BoundedSubscription } from './bounded-subscription';
import { forgetConsumer, noteBrokerContact, setConsumerState } from '@mmt/metrics';

export const MAX_BUFFERED_UPDATES = 1000;

type Listener<T> = (item: T) => void;

/**
 * This gateway instance's live feed of some topics. Each instance reads them with a consumer group of its own,
 * from the end, so every instance sees every message and any number of instances can run.
 */
export abstract class KafkaFeed<T> implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(this.constructor.name);
  private readonly listeners = new Set<Listener<T>>();
  private readonly groupId: string;
  private consumer?: Consumer;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    private readonly topics: TopicNames,
  ) {
    this.groupId = `${topics.prefix}gateway-${this.feedName()}-${randomUUID().slice(0, 8)}`;
  }

  /** Part of the consumer group's name. */
  protected abstract feedName(): string;
  protected abstract readTopics(): readonly TopicName[];
  /** The message as the feed's item (read by its topic's parser in @mmt/contracts), or undefined to skip it. */
  protected abstract parse(topic: TopicName, bytes: Buffer | null): T | undefined;

  async onApplicationBootstrap(): Promise<void> {
    await ensureTopics(this.kafka, this.topics.specs());
    const byName = new Map(this.readTopics().map((topic) => [this.topics.name(topic), topic]));
    this.consumer = this.kafka.consumer({ groupId: this.groupId, sessionTimeout: 10_000, heartbeatInterval: 1000 });
    // Without its feed the gateway would serve subscriptions that never receive anything: it exits instead.
    setConsumerState(this.groupId, 'starting');
    this.consumer.on(this.consumer.events.CRASH, (event) => {
      setConsumerState(this.groupId, 'crashed', event.payload.error.message);
      fatalHandler(this.config, 'gateway')(event.payload.error);
    });
    this.consumer.on(this.consumer.events.HEARTBEAT, () => noteBrokerContact(this.groupId));
    this.consumer.on(this.consumer.events.FETCH, () => noteBrokerContact(this.groupId));
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...byName.keys()], fromBeginning: false });
    // Where the feed stands on each partition. A consumer that rejoins its group (its heartbeats lost for longer
    // than the session) goes back there, rather than to the latest offsets, which would skip what came meanwhile.
    const next = new Map<string, string>();
    for (const [topic, ends] of await topicEndOffsets(this.kafka, [...byName.keys()])) {
      for (const [partition, offset] of ends) {
        next.set(`${topic}\u0000${partition}`, offset);
      }
    }
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
      for (const [key, offset] of next) {
        const [topic, partition] = key.split('\u0000');
        this.consumer?.seek({ topic, partition: Number(partition), offset });
      }
    });
    const joined = new Promise<void>((resolve) => {
      this.consumer?.on(this.consumer.events.GROUP_JOIN, () => {
        setConsumerState(this.groupId, 'running');
        resolve();
      });
    });
    await this.consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        next.set(`${topic}\u0000${partition}`, (BigInt(message.offset) + 1n).toString());
        const item = this.parse(byName.get(topic)!, message.value);
        if (item !== undefined) {
          for (const listener of this.listeners) {
            listener(item);
          }
        }
        await Promise.resolve();
      },
    });
    await joined;
    this.logger.log({ message: `reading ${[...byName.keys()].join(', ')}`, groupId: this.groupId });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
    forgetConsumer(this.groupId);
    await deleteConsumerGroups(this.kafka, [this.groupId]);
  }

  /** Items that pass `accept`, from now on, buffered up to MAX_BUFFERED_UPDATES. */
  subscribe(accept: (item: T) => boolean, onOverflow?: (limit: number) => void): AsyncIterableIterator<T> {
    const listener: Listener<T> = (item) => {
      if (accept(item)) {
        subscription.push(item);
      }
    };
    const subscription = new BoundedSubscription<T>(
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
