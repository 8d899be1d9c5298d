import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Consumer, Kafka } from 'kafkajs';
import type { TopicName } from '@mmt/contracts';
import { deleteConsumerGroups, ensureTopics, topicEndOffsets, TopicNames } from '@mmt/kafka';
import { fatalHandler, KAFKA, PLATFORM_CONFIG, type PlatformConfig } from '@mmt/platform';
import { forgetConsumer, noteBrokerContact, setConsumerState } from '@mmt/metrics';

/** A message as the gateway's consumer hands it to the feed that reads its topic. */
export interface ConsumedMessage {
  readonly topic: TopicName;
  readonly partition: number;
  readonly offset: string;
  readonly value: Buffer | null;
  /** The consumer's next offset on each partition of the topic once this message is handed on. */
  readonly positions: ReadonlyMap<number, string>;
}

/** Takes a message of a topic it registered for; must not throw. */
export type MessageHandler = (message: ConsumedMessage) => Promise<void>;

/**
 * This gateway instance's one Kafka consumer, under a consumer group of its own: every feed of the instance (journey
 * updates, alerts) registers its topics before the application starts, and the consumer reads them all, from the
 * end, so every instance sees every message and any number of instances can run. One group per gateway however
 * many subscribers and feeds.
 */
@Injectable()
export class GatewayConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(GatewayConsumer.name);
  private readonly handlers = new Map<string, { topic: TopicName; handle: MessageHandler }>();
  /** Where the consumer stands on each partition, by topic (namespaced): replaced, never changed, as it moves on. */
  private readonly nextOffsets = new Map<string, ReadonlyMap<number, string>>();
  private readonly groupId: string;
  private consumer?: Consumer;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    private readonly topics: TopicNames,
  ) {
    this.groupId = `${topics.prefix}gateway-${randomUUID().slice(0, 8)}`;
  }

  /** Sends the topic's messages to `handle`, from the moment the consumer starts; before it starts only. */
  register(topic: TopicName, handle: MessageHandler): void {
    if (this.consumer !== undefined) {
      throw new Error(`the gateway's consumer has started: ${topic} must be registered before`);
    }
    this.handlers.set(this.topics.name(topic), { topic, handle });
  }

  async onApplicationBootstrap(): Promise<void> {
    const names = [...this.handlers.keys()];
    if (names.length === 0) {
      return;
    }
    await ensureTopics(this.kafka, this.topics.specs());
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
    await this.consumer.subscribe({ topics: names, fromBeginning: false });
    for (const [topic, ends] of await topicEndOffsets(this.kafka, names)) {
      this.nextOffsets.set(topic, ends);
    }
    // A consumer that rejoins its group (its heartbeats lost for longer than the session) goes back to where it
    // stands, rather than to the latest offsets, which would skip what came meanwhile.
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
          return; // handed on already: a consumer that rejoined its group may fetch it again
        }
        const next = new Map(positions).set(partition, (BigInt(message.offset) + 1n).toString());
        this.nextOffsets.set(topic, next);
        const { topic: name, handle } = this.handlers.get(topic)!;
        await handle({ topic: name, partition, offset: message.offset, value: message.value, positions: next });
      },
    });
    await joined;
    this.logger.log({ message: `reading ${names.join(', ')}`, groupId: this.groupId });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.consumer === undefined) {
      return;
    }
    await this.consumer.disconnect();
    forgetConsumer(this.groupId);
    await deleteConsumerGroups(this.kafka, [this.groupId]);
  }

  /** Where the consumer stands on each partition of a topic: the offset of the next message it will hand on. */
  positionsOf(topic: TopicName): ReadonlyMap<number, string> {
    return this.nextOffsets.get(this.topics.name(topic)) ?? new Map<number, string>();
  }
}
