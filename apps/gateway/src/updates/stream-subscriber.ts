import { canSee, type Principal } from '@mmt/access';
import type { Journey, TrackingEvent } from '@mmt/contracts';
import { BoundedSubscription } from './bounded-subscription';
import type { FeedListener, FeedMessage } from './kafka-feed';
import { MAX_BUFFERED_UPDATES, type JourneyUpdateHub, type LiveUpdate } from './journey-update-hub';
import { encodeStreamCursor, type StreamPosition } from './stream-cursor';

/** How long a stream reading its backlog waits for a client that takes nothing, before it closes it. */
const STALL_TIMEOUT_MS = 30_000;

/** The most live updates a resumed stream holds while it reads its backlog; beyond, its client is closed. */
export const MAX_HELD_UPDATES = 10_000;

export interface StreamedEvent {
  readonly cursor: string;
  readonly event: TrackingEvent;
  readonly journey: Journey;
}

/** What a trackingEvents stream carries, beyond what its caller may see. */
export interface StreamFilter {
  /** The containers it follows, if it names them: the hub asks it about no other container's updates. */
  readonly containerNos?: readonly string[];
  /** Whether an update of this journey may add events for it. */
  readonly journey: (journey: Journey) => boolean;
  /** Whether to stream this event of such a journey. */
  readonly event: (event: TrackingEvent) => boolean;
}

/**
 * One trackingEvents subscriber, listening to the gateway's JourneyUpdateHub from the moment it is made
 * (`attachedAt`). It keeps where it stands on each partition (the next update's offset, and how many of that
 * update's events it delivered), which its cursors carry. Resumed at a cursor, it holds the live updates while its
 * backlog is read (`catchUp`), then hands them on (`goLive`) from where the backlog ends.
 */
export class StreamSubscriber implements FeedListener<LiveUpdate> {
  readonly keys?: readonly string[];
  readonly needsPrepared = true;
  readonly subscription: BoundedSubscription<StreamedEvent>;
  /** Where the hub stood when the subscriber attached: the live updates it gets start there. */
  readonly attachedAt: ReadonlyMap<number, string>;
  /** Aborted when the subscription ends: its client went, or was closed. */
  readonly ended = new AbortController();
  private readonly position: StreamPosition;
  /** Live updates that came while it reads its backlog; undefined once it is live. */
  private held?: { item: LiveUpdate; message: FeedMessage }[];
  private readonly detach: () => void;

  constructor(
    hub: JourneyUpdateHub,
    private readonly principal: Principal,
    private readonly filter: StreamFilter,
    private readonly onOverflow: (limit: number) => void,
    cursor?: StreamPosition,
  ) {
    this.keys = filter.containerNos;
    this.subscription = new BoundedSubscription<StreamedEvent>(
      MAX_BUFFERED_UPDATES,
      () => {
        this.detach();
        this.ended.abort();
      },
      onOverflow,
    );
    // In one turn of the event loop: it gets every update the hub hands out from `attachedAt` on.
    this.detach = hub.listen(this);
    this.attachedAt = hub.positions();
    this.position = Object.fromEntries([...this.attachedAt].map(([p, offset]) => [p, { offset, skip: 0 }]));
    if (cursor !== undefined) {
      Object.assign(this.position, cursor);
      this.held = [];
    }
  }

  wants({ update }: LiveUpdate): boolean {
    return this.wantsJourney(update.journey);
  }

  wantsJourney(journey: Journey): boolean {
    return canSee(this.principal, journey) && this.filter.journey(journey);
  }

  receive(item: LiveUpdate, message: FeedMessage): void {
    if (this.held === undefined) {
      this.subscription.pushTogether(this.takeLive(item, message));
    } else if (this.held.length < MAX_HELD_UPDATES) {
      this.held.push({ item, message });
    } else {
      this.fail(new Error(`subscriber too slow: more than ${MAX_HELD_UPDATES} updates came while it caught up`));
      this.onOverflow(MAX_HELD_UPDATES);
    }
  }

  /** One update of its backlog, with the events it adds if the subscriber wants it; waits for the client. */
  async catchUp(
    partition: number,
    offset: string,
    added?: { journey: Journey; events: readonly TrackingEvent[] },
  ): Promise<void> {
    await this.pushWaiting(this.take(partition, offset, added));
  }

  /** Hands on the live updates it held, waiting for the client, then takes live updates as they come. */
  async goLive(): Promise<void> {
    while (this.held !== undefined && this.held.length > 0 && !this.ended.signal.aborted) {
      const { item, message } = this.held.shift()!;
      await this.pushWaiting(this.takeLive(item, message));
    }
    this.held = undefined;
  }

  fail(error: Error): void {
    this.subscription.fail(error);
  }

  private takeLive({ update, events, unreadable }: LiveUpdate, message: FeedMessage): StreamedEvent[] {
    if (unreadable !== undefined) {
      this.fail(new Error('The events of an update could not be read; resume later with the last cursor received'));
      return [];
    }
    // Every update before the hub's positions on the other partitions reached the subscriber, or it did not want it.
    for (const [partition, offset] of message.positions) {
      const at = this.position[partition];
      if (partition !== message.partition && (at === undefined || BigInt(at.offset) < BigInt(offset))) {
        this.position[partition] = { offset, skip: 0 };
      }
    }
    return this.take(message.partition, message.offset, { journey: update.journey, events: events ?? [] });
  }

  /** The events of one update it streams, each with its cursor, unless it is past them; moves past the update. */
  private take(
    partition: number,
    offset: string,
    added?: { journey: Journey; events: readonly TrackingEvent[] },
  ): StreamedEvent[] {
    const at = this.position[partition];
    if (at !== undefined && BigInt(offset) < BigInt(at.offset)) {
      return [];
    }
    const streamed: StreamedEvent[] = [];
    const events = added?.events ?? [];
    for (let i = at?.offset === offset ? at.skip : 0; i < events.length; i += 1) {
      this.position[partition] = { offset, skip: i + 1 };
      if (this.filter.event(events[i])) {
        streamed.push({ cursor: encodeStreamCursor(this.position), event: events[i], journey: added!.journey });
      }
    }
    this.position[partition] = { offset: (BigInt(offset) + 1n).toString(), skip: 0 };
    return streamed;
  }

  /** Reading a backlog waits for the client; one that takes nothing for STALL_TIMEOUT_MS overflows and is closed. */
  private async pushWaiting(streamed: readonly StreamedEvent[]): Promise<void> {
    for (const item of streamed) {
      if (this.ended.signal.aborted) {
        return;
      }
      await this.subscription.waitForRoom(STALL_TIMEOUT_MS);
      this.subscription.push(item);
    }
  }
}
