import type { TrackingEvent } from '@mmt/contracts';

/** What the projector knows of one container: its logged events, and its journeys as last stored. */
export interface ContainerState {
  /** eventVersionKey → that version: every version of every event (a correction is a later version). */
  readonly events: Map<string, TrackingEvent>;
  /** journeyId → the stored version and event ids. */
  readonly journeys: Map<string, { readonly version: string; readonly eventIds: ReadonlySet<string> }>;
}

/**
 * The states of recently touched containers, least recently used dropped first once more than `maxEvents`
 * events are held. It saves reading a container's whole history from the store for every batch that touches
 * it. It is right only while this process is the single writer of those containers: clear it whenever the
 * partitions it owns may have changed.
 */
export class ContainerStateCache {
  private readonly states = new Map<string, ContainerState>();
  private events = 0;

  constructor(private readonly maxEvents = 200_000) {}

  get(containerNo: string): ContainerState | undefined {
    const state = this.states.get(containerNo);
    if (state !== undefined) {
      // Map keeps insertion order: re-inserting marks the state most recently used.
      this.states.delete(containerNo);
      this.states.set(containerNo, state);
    }
    return state;
  }

  set(containerNo: string, state: ContainerState): void {
    this.events -= this.states.get(containerNo)?.events.size ?? 0;
    this.states.delete(containerNo);
    this.states.set(containerNo, state);
    this.events += state.events.size;
    for (const [oldest, oldState] of this.states) {
      if (this.events <= this.maxEvents || oldest === containerNo) {
        break;
      }
      this.states.delete(oldest);
      this.events -= oldState.events.size;
    }
  }

  delete(containerNo: string): void {
    this.events -= this.states.get(containerNo)?.events.size ?? 0;
    this.states.delete(containerNo);
  }

  clear(): void {
    this.states.clear();
    this.events = 0;
  }

  get size(): number {
    return this.states.size;
  }
}
