import { applyJourneyUpdates, type StatisticsRepository } from '@mmt/analytics';
import type { JourneysRepository } from '@mmt/store';

const JOURNEYS_PER_STEP = 1000;

/**
 * Recomputes the statistics from the stored journeys: clears them, then adds every journey's facts, a thousand
 * journeys at a time in `_id` order (memory stays flat at any size). Stop the analytics service first.
 */
export async function rebuildStatistics(
  journeys: Pick<JourneysRepository, 'idsAfter'>,
  statistics: StatisticsRepository,
  progress: (journeys: number) => void = () => undefined,
): Promise<{ journeys: number }> {
  await statistics.deleteAll();
  let done = 0;
  let after = '';
  for (;;) {
    const step = await journeys.idsAfter(after, JOURNEYS_PER_STEP);
    if (step.length === 0) {
      return { journeys: done };
    }
    await applyJourneyUpdates(
      statistics,
      'rebuild',
      step.map((journey) => ({ journey })),
    );
    done += step.length;
    after = step.at(-1)!.journeyId;
    progress(done);
  }
}
