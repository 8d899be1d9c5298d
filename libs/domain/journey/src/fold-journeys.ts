import { groupByContainer, type Journey, type TrackingEvent } from '@mmt/contracts';
import { assignJourneys } from './assign-journeys';
import { effectiveEvents } from './effective-events';
import { foldJourney } from './fold-journey';
import type { LiveEvent } from './live-event';
import { compareText, compareTimes } from './time';

/**
 * Folds the events of one container (any order, duplicates allowed) into its journeys, sorted by
 * startedAt then journeyId. Pure: the same set of events always gives deep-equal journeys.
 * Events of several containers are folded per container.
 */
export function foldJourneys(events: readonly TrackingEvent[]): Journey[] {
  return [...groupByContainer<LiveEvent>(effectiveEvents(events)).entries()]
    .flatMap(([containerNo, live]) =>
      assignJourneys(containerNo, live).map((bucket) => foldJourney(containerNo, bucket)),
    )
    .sort((a, b) => compareTimes(a.startedAt ?? '', b.startedAt ?? '') || compareText(a.journeyId, b.journeyId));
}
