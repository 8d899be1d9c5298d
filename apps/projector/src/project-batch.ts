import { atFailpoint } from '@mmt/config';
import { eventVersionKey, groupByContainer, type Journey, type TrackingEvent } from '@mmt/contracts';
import { foldJourneys, latestVersions } from '@mmt/journey';
import type { EventLogRepository, JourneysRepository } from '@mmt/store';
import type { ContainerState, ContainerStateCache } from './container-state';

export interface ProjectionStores {
  readonly eventLog: EventLogRepository;
  readonly journeys: JourneysRepository;
}

export interface JourneyChange {
  readonly journey: Journey;
  readonly causedBy: string[];
  /**
   * What a client that follows the journey's events must apply for this change: the events that joined it
   * (new, or moved to it from another journey of the container), the corrections of its events (a later
   * version of an event it holds, same eventId), and the retractions that withdrew events it held.
   */
  readonly added: TrackingEvent[];
  /** Every journey of the container after the change: readers drop the container's journeys not listed. */
  readonly containerJourneyIds: string[];
}

export interface ProjectionResult {
  readonly newEvents: number;
  readonly changed: JourneyChange[];
  /** Of the changed journeys, those stored for the first time (inserted in bulk; the others are replaced one by one). */
  readonly inserted: number;
  /** Containers whose state was read from the store (not held in the cache). */
  readonly containersRead: number;
  /** Milliseconds spent reading states, appending to the log, folding, publishing and storing journeys. */
  readonly ms: { read: number; append: number; fold: number; publish: number; store: number };
}

/** The states of these containers: from the cache, or read from the event log and the stored journeys. */
async function loadStates(
  containerNos: readonly string[],
  stores: ProjectionStores,
  cache: ContainerStateCache,
): Promise<Map<string, ContainerState>> {
  const states = new Map<string, ContainerState>();
  const missing: string[] = [];
  for (const containerNo of containerNos) {
    const cached = cache.get(containerNo);
    if (cached === undefined) {
      missing.push(containerNo);
    } else {
      states.set(containerNo, cached);
    }
  }
  if (missing.length > 0) {
    const [events, journeys] = await Promise.all([
      stores.eventLog.ofContainers(missing),
      stores.journeys.storedOf(missing),
    ]);
    for (const containerNo of missing) {
      states.set(containerNo, { events: new Map(), journeys: journeys.get(containerNo)! });
    }
    for (const event of events) {
      states.get(event.containerNo)!.events.set(eventVersionKey(event), event);
    }
  }
  return states;
}

/**
 * Things in the order the platform accepted the events they stand for: first those of events accepted before this
 * batch (they join a journey: in the journey's order), then those of the batch's new events in the order they came
 * on the topic. So a container's events leave the projector, and reach every subscriber, in the order accepted.
 * Sorting is stable; `eventsOf` says which events a thing stands for (its earliest counts).
 */
function inAcceptedOrder<T>(
  things: readonly T[],
  fresh: readonly TrackingEvent[],
  eventsOf: (thing: T) => readonly TrackingEvent[] = (thing) => [thing as TrackingEvent],
): T[] {
  const arrival = new Map(fresh.map((event, index) => [event, index]));
  const rank = (thing: T) => Math.min(...eventsOf(thing).map((event) => arrival.get(event) ?? -1));
  return things
    .map((thing) => ({ thing, rank: rank(thing) }))
    .sort((a, b) => a.rank - b.rank)
    .map(({ thing }) => thing);
}

/**
 * Appends a batch's new events to the log and refolds every container they touch, in an order that makes a
 * crash at any point harmless on replay: the states are read first, then the events new to them are appended
 * (a page written again is a no-op), the changed journeys are published, and only then stored. A replay
 * compares with the stored journeys, so what was not stored is published again: subscribers get every change
 * at least once.
 */
export async function projectBatch(
  events: readonly TrackingEvent[],
  stores: ProjectionStores,
  cache: ContainerStateCache,
  publish: (changed: readonly JourneyChange[]) => Promise<void>,
): Promise<ProjectionResult> {
  const clock = stopwatch();
  const byContainer = groupByContainer(events);
  const cachedBefore = [...byContainer.keys()].filter((no) => cache.get(no) !== undefined).length;
  const states = await loadStates([...byContainer.keys()], stores, cache);
  // Until this batch has stored everything, the store is the only truth about these containers: a failed
  // batch must not leave states behind that its retry (the same offset, perhaps more messages) would trust.
  for (const containerNo of byContainer.keys()) {
    cache.delete(containerNo);
  }
  const read = clock();

  // The first copy of each version is kept, as in the event log: a resend changes nothing, a correction is new.
  const added = new Map<string, TrackingEvent[]>();
  for (const [containerNo, incoming] of byContainer) {
    const known = states.get(containerNo)!.events;
    const fresh = new Map<string, TrackingEvent>();
    for (const event of incoming) {
      const key = eventVersionKey(event);
      if (!known.has(key) && !fresh.has(key)) {
        fresh.set(key, event);
      }
    }
    if (fresh.size > 0) {
      added.set(containerNo, [...fresh.values()]);
    }
  }
  await atFailpoint('projector.appendEvents', () => stores.eventLog.append([...added.values()].flat()));
  const append = clock();

  const changed: JourneyChange[] = [];
  const removed: string[] = [];
  const next = new Map<string, ContainerState>();
  for (const [containerNo, incoming] of byContainer) {
    const state = states.get(containerNo)!;
    const fresh = added.get(containerNo) ?? [];
    const merged = new Map(state.events);
    for (const event of fresh) {
      merged.set(eventVersionKey(event), event);
    }
    const journeys = foldJourneys([...merged.values()]);
    const latest = latestVersions(merged.values());
    const before = new Set([...state.journeys.values()].flatMap((j) => [...j.eventIds]));
    const causedBy = incoming.map((e) => e.eventId);
    const containerJourneyIds = journeys.map((j) => j.journeyId);
    const containerChanges: JourneyChange[] = [];
    for (const journey of journeys) {
      const stored = state.journeys.get(journey.journeyId);
      if (stored?.version !== journey.version) {
        const live = new Set(journey.eventIds);
        const joined = journey.eventIds.filter((id) => !before.has(id)).map((id) => latest.get(id)!);
        const corrections = fresh.filter(
          (e) => live.has(e.eventId) && before.has(e.eventId) && latest.get(e.eventId) === e,
        );
        const retractions = fresh.filter(
          (e) =>
            e.eventType === 'RETRACTION' &&
            stored?.eventIds.has(e.retractsEventId) === true &&
            !live.has(e.retractsEventId),
        );
        containerChanges.push({
          journey,
          causedBy,
          added: inAcceptedOrder([...joined, ...corrections, ...retractions], fresh),
          containerJourneyIds,
        });
      }
    }
    changed.push(...inAcceptedOrder(containerChanges, fresh, (change) => change.added));
    const ids = new Set(journeys.map((j) => j.journeyId));
    removed.push(...[...state.journeys.keys()].filter((id) => !ids.has(id)));
    next.set(containerNo, {
      events: merged,
      journeys: new Map(journeys.map((j) => [j.journeyId, { version: j.version, eventIds: new Set(j.eventIds) }])),
    });
  }

  const fold = clock();
  await atFailpoint('projector.publishUpdates', () => publish(changed));
  const published = clock();
  const firstVersions = new Set(
    changed
      .filter((c) => !states.get(c.journey.containerNo)!.journeys.has(c.journey.journeyId))
      .map((c) => c.journey.journeyId),
  );
  await atFailpoint('projector.saveJourneys', () =>
    stores.journeys.saveAll(
      changed.map((c) => c.journey),
      firstVersions,
    ),
  );
  await atFailpoint('projector.deleteJourneys', () => stores.journeys.deleteIds(removed));
  for (const [containerNo, state] of next) {
    cache.set(containerNo, state);
  }
  return {
    newEvents: [...added.values()].reduce((sum, events) => sum + events.length, 0),
    changed,
    inserted: firstVersions.size,
    containersRead: byContainer.size - cachedBefore,
    ms: { read, append, fold, publish: published, store: clock() },
  };
}

/** A clock that returns the milliseconds since it was last read. */
function stopwatch(): () => number {
  let last = performance.now();
  return () => {
    const now = performance.now();
    const elapsed = Math.round(now - last);
    last = now;
    return elapsed;
  };
}
