import { Inject, type OnModuleInit } from '@nestjs/common';
import type { TopicName } from '@mmt/contracts';
import { BoundedSubscription } from './bounded-subscription';
import { GatewayConsumer } from './gateway-consumer';
import { ListenerIndex } from './listener-index';

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
 * One live feed of the gateway instance (journey updates, alerts): the items of some topics, read by the instance's
 * one consumer (GatewayConsumer), handed to the feed's listeners. Every live subscription of the instance listens
 * to a feed: one consumer however many subscribers.
 */
export abstract class KafkaFeed<T> implements OnModuleInit {
  private readonly listeners = new ListenerIndex<FeedListener<T>>();

  constructor(@Inject(GatewayConsumer) private readonly consumer: GatewayConsumer) {}

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

  /** Registers the feed's topics with the gateway's consumer, which starts once every feed has. */
  onModuleInit(): void {
    for (const topic of this.readTopics()) {
      this.consumer.register(topic, async ({ partition, offset, value, positions }) => {
        const item = this.parse(topic, value);
        if (item !== undefined) {
          await this.handOut(item, { topic, partition, offset, positions });
        }
      });
    }
  }

  /** To the listeners that want the item, prepared once if one of them needs it so. */
  private async handOut(item: T, message: FeedMessage): Promise<void> {
    const wanting: FeedListener<T>[] = [];
    for (const listener of this.listeners.candidates(this.keyOf(item))) {
      if (listener.wants(item)) {
        wanting.push(listener);
      }
    }
    if (wanting.length === 0) {
      return;
    }
    const ready = wanting.some((listener) => listener.needsPrepared) ? await this.prepare(item) : item;
    for (const listener of wanting) {
      listener.receive(ready, message);
    }
    // The sockets get a turn before the next item: a fetched batch is handed out in one go otherwise, and a backlog's
    // updates (a hundred events each) would fill every stream's buffer, fast or slow, past its limit before a byte of
    // it was written. Items that nobody wants go on at once.
    await new Promise((resolve) => setImmediate(resolve));
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
    return this.consumer.positionsOf(topic);
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
