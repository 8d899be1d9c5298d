import { isDeepStrictEqual } from 'node:util';
import type { Journey } from '@mmt/contracts';
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
  let events = 0;
  let containers = 0;
  const rebuilt: Journey[] = [];
  for await (const [, containerEvents] of stores.eventLog.byContainer()) {
    rebuilt.push(...foldJourneys(containerEvents));
    containers += 1;
    const before = events;
    events += containerEvents.length;
    if (Math.floor(events / 10_000) > Math.floor(before / 10_000)) {
      onProgress?.(events);
    }
  }
  const stored = new Map((await stores.journeys.all()).map((j) => [j.journeyId, j]));
  const rebuiltIds = new Set(rebuilt.map((j) => j.journeyId));
  const differing = rebuilt.filter((j) => !isDeepStrictEqual(stored.get(j.journeyId), j));
  const stale = [...stored.keys()].filter((id) => !rebuiltIds.has(id));

  await stores.journeys.saveAll(differing);
  await stores.journeys.deleteIds(stale);
  return {
    events,
    containers,
    journeys: rebuilt.length,
    differing: [...differing.map((j) => j.journeyId), ...stale].sort(),
  };
}
