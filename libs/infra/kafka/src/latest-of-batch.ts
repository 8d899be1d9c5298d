import type { Journey, JourneyUpdate } from '@mmt/contracts';

/**
 * A journey update as the services that apply it read it (statistics, alerts, the partner feed): the journey, and
 * what the rest of the update may add. Rebuilds and tests hand them a stored journey alone, so only it is required.
 */
export type AppliedJourneyUpdate = Pick<JourneyUpdate, 'journey'> &
  Partial<Pick<JourneyUpdate, 'containerJourneyIds' | 'events' | 'omittedEventIds' | 'publishedAt'>>;

/**
 * A batch of journey updates as the services apply them: the latest version of each journey, and each container's
 * list of journeys where an update gave one (a journey of the container not on it is gone).
 */
export function latestOfBatch(updates: readonly AppliedJourneyUpdate[]): {
  latest: Map<string, Journey>;
  listed: Map<string, Set<string>>;
} {
  const latest = new Map<string, Journey>();
  const listed = new Map<string, Set<string>>();
  for (const { journey, containerJourneyIds } of updates) {
    latest.set(journey.journeyId, journey);
    if (containerJourneyIds !== undefined) {
      listed.set(journey.containerNo, new Set(containerJourneyIds));
    }
  }
  return { latest, listed };
}
