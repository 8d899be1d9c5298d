import { randomUUID } from 'node:crypto';
import { Inject, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Consumer, Kafka } from 'kafkajs';
import type { TopicName } from '@mmt/contracts';
import { deleteConsumerGroups, ensureTopics, topicEndOffsets, TopicNames } from '@mmt/kafka';
import { fatalHandler, KAFKA, PLATFORM_CONFIG, type PlatformConfig } from '@mmt/platform';
import { BoundedSubscription } from './bounded-subscription';
import { ListenerIndex } from './listener-index';
import { forgetConsumer, noteBrokerContact, setConsumerState } from '@mmt/metrics';

export const MAX_BUFFERED_UPDATES = 1000;

/** A message the feed hands out: where it stands on its topic, and where the feed then stands. */
export interface FeedMessage {
  readonly topic: TopicName;
  readonly partition: number;
  readonly offset: string;
  /** The feed's next offset on each partition of the topic once this message is handed out. */
  readonly positions: ReadonlyMap<number, string>;
}

/** A listener of a feed, e.g. one live subscription. */
export interface FeedListener<T> {
  /** Only items of these keys (KafkaFeed.keyOf) may concern it; the feed asks it about no other. Default: all. */
  readonly keys?: readonly string[];
  /** Whether it wants an item: cheap, asked once per item before any work is done for it. */
  wants(item: T): boolean;
  /** Whether it needs the items it wants prepared (KafkaFeed.prepare) first. */
  readonly needsPrepared?: boolean;
  /** Takes an item it wanted. Must not wait: it buffers, and cuts off a client that does not keep up. */
  receive(item: T, message: FeedMessage): void;
}

/**
 * This gateway instance's live feed of some topics. Each instance reads them with a consumer group of its own,
 * from the end, so every instance sees every message and any number of instances can run. Every live
 * subscription of the instance listens to it: one consumer however many subscribers.
 */
export abstract class KafkaFeed<T> implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(this.constructor.name);
  private readonly listeners = new ListenerIndex<FeedListener<T>>();
  /** Where the feed stands on each partition, by topic (namespaced): replaced, never changed, as it moves on. */
  private readonly nextOffsets = new Map<string, ReadonlyMap<number, string>>();
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

  /** The key under which listeners with `keys` look for an item; undefined: only listeners without keys get it. */
  protected abstract keyOf(item: T): string | undefined;

  /**
   * Work on an item done once for all the listeners that want it, when one of them `needsPrepared` (reading the
   * store, say). The feed waits for it, never for a listener. Must not throw: a failure belongs in the item.
   */
  protected prepare(item: T): Promise<T> {
    return Promise.resolve(item);
  }

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
    for (const [topic, ends] of await topicEndOffsets(this.kafka, [...byName.keys()])) {
      this.nextOffsets.set(topic, ends);
    }
    // A consumer that rejoins its group (its heartbeats lost for longer than the session) goes back to where the
    // feed stands, rather than to the latest offsets, which would skip what came meanwhile.
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
      for (const [topic, positions] of this.nextOffsets) {
        for (const [partition, offset] of positions) {
          this.consumer?.seek({ topic, partition, offset });
        }
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
        const positions = this.nextOffsets.get(topic)!;
        if (BigInt(message.offset) < BigInt(positions.get(partition) ?? '0')) {
          return; // handed out already: a consumer that rejoined its group may fetch it again
        }
        const next = new Map(positions).set(partition, (BigInt(message.offset) + 1n).toString());
        this.nextOffsets.set(topic, next);
        const name = byName.get(topic)!;
        const item = this.parse(name, message.value);
        if (item !== undefined) {
          await this.handOut(item, { topic: name, partition, offset: message.offset, positions: next });
        }
      },
    });
    await joined;
    this.logger.log({ message: `reading ${[...byName.keys()].join(', ')}`, groupId: this.groupId });
  }

  /** To the listeners that want the item, prepared once if one of them needs it so. */
  private async handOut(item: T, message: FeedMessage): Promise<void> {
    const wanting: FeedListener<T>[] = [];
    for (const listener of this.listeners.candidates(this.keyOf(item))) {
      if (listener.wants(item)) {
        wanting.push(listener);
      }
    }
    const ready = wanting.some((listener) => listener.needsPrepared) ? await this.prepare(item) : item;
    for (const listener of wanting) {
      listener.receive(ready, message);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
    forgetConsumer(this.groupId);
    await deleteConsumerGroups(this.kafka, [this.groupId]);
  }

  /**
   * Adds a listener; returns what removes it. It gets the messages the feed hands out from now on, that is from
   * `positionsOf` as read in the same turn of the event loop.
   */
  listen(listener: FeedListener<T>): () => void {
    return this.listeners.add(listener);
  }

  /** Where the feed stands on each partition of a topic it reads: the offset of the next message it will hand out. */
  positionsOf(topic: TopicName): ReadonlyMap<number, string> {
    return this.nextOffsets.get(this.topics.name(topic)) ?? new Map<number, string>();
  }

  /**
   * Items that pass `accept`, from now on, buffered up to MAX_BUFFERED_UPDATES. With `keys`, only items of those
   * keys are offered to `accept`.
   */
  subscribe(
    accept: (item: T) => boolean,
    onOverflow?: (limit: number) => void,
    keys?: readonly string[],
  ): AsyncIterableIterator<T> {
    const subscription = new BoundedSubscription<T>(MAX_BUFFERED_UPDATES, () => stop(), onOverflow);
    const stop = this.listen({ keys, wants: accept, receive: (item) => subscription.push(item) });
    return subscription;
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }
}
