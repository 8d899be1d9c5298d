import { isDeepStrictEqual } from 'node:util';
import type { Journey, TrackingEvent } from '@mmt/contracts';
import { foldJourneys } from '@mmt/journey';
import type { ProjectionStores } from './project-batch';

export interface RebuildReport {
  readonly events: number;
  readonly containers: number;
  readonly journeys: number;
  /** Journeys whose stored version differed from the rebuilt one (0 when the projection was right). */
  readonly differing: string[];
}

/**
 * Recomputes every journey from the append-only event log alone, rewrites the journeys, and reports which
 * stored journeys were not what the log says. Run it with the projector stopped.
 */
export async function rebuildJourneys(
  stores: ProjectionStores,
  onProgress?: (events: number) => void,
): Promise<RebuildReport> {
  const byContainer = new Map<string, TrackingEvent[]>();
  let events = 0;
  for await (const event of stores.eventLog.all()) {
    const containerEvents = byContainer.get(event.containerNo) ?? [];
    containerEvents.push(event);
    byContainer.set(event.containerNo, containerEvents);
    events += 1;
    if (events % 10_000 === 0) {
      onProgress?.(events);
    }
  }
  const stored = new Map((await stores.journeys.all()).map((j) => [j.journeyId, j]));
  const rebuilt: Journey[] = [];
  for (const containerEvents of byContainer.values()) {
    rebuilt.push(...foldJourneys(containerEvents));
  }
  const rebuiltIds = new Set(rebuilt.map((j) => j.journeyId));
  const differing = rebuilt.filter((j) => !isDeepStrictEqual(stored.get(j.journeyId), j));
  const stale = [...stored.keys()].filter((id) => !rebuiltIds.has(id));

  await stores.journeys.saveAll(differing);
  await stores.journeys.deleteIds(stale);
  return {
    events,
    containers: byContainer.size,
    journeys: rebuilt.length,
    differing: [...differing.map((j) => j.journeyId), ...stale].sort(),
  };
}
