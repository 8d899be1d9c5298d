import { groupByContainer } from '@mmt/contracts';
import { latestOfBatch, type AppliedJourneyUpdate } from '@mmt/kafka';
import { BucketDeltas } from './bucket-deltas';
import { journeyFacts } from './journey-facts';
import type { ContributionDocument, StatisticsRepository } from './statistics.repository';

/** What the statistics need of one journey update, in topic order. */
export type StatisticsInput = AppliedJourneyUpdate;

export interface StatisticsResult {
  readonly journeysChanged: number;
  readonly journeysRemoved: number;
  readonly bucketsChanged: number;
}

/** Containers per change: keeps each pending change (its contributions and deltas) a few megabytes at most. */
const CONTAINERS_PER_CHANGE = 500;

/**
 * Moves each changed journey's contribution in the statistics: its old facts out, its new ones in, exactly once
 * whatever is replayed. `writer` names the sequence these updates come from (one partition), whose change in
 * flight is finished first if a crash interrupted it.
 */
export async function applyJourneyUpdates(
  repository: StatisticsRepository,
  writer: string,
  updates: readonly StatisticsInput[],
): Promise<StatisticsResult> {
  const interrupted = await repository.pendingOf(writer);
  if (interrupted !== undefined && !interrupted.done) {
    await repository.carryOut(interrupted);
  }
  let seq = interrupted?.seq ?? 0;

  const { latest, listed } = latestOfBatch(updates);
  const byContainer = [...groupByContainer(latest.values())];
  const result = { journeysChanged: 0, journeysRemoved: 0, bucketsChanged: 0 };
  for (let start = 0; start < byContainer.length; start += CONTAINERS_PER_CHANGE) {
    const chunk = byContainer.slice(start, start + CONTAINERS_PER_CHANGE);
    const stored = groupByContainer(await repository.contributionsOf(chunk.map(([containerNo]) => containerNo)));
    const deltas = new BucketDeltas();
    const contributions: ContributionDocument[] = [];
    const removed = new Set<string>();
    for (const [containerNo, journeys] of chunk) {
      const current = listed.get(containerNo);
      const before = new Map((stored.get(containerNo) ?? []).map((doc) => [doc._id, doc]));
      for (const journey of journeys) {
        const previous = before.get(journey.journeyId);
        if ((current === undefined || current.has(journey.journeyId)) && previous?.version !== journey.version) {
          const facts = journeyFacts(journey);
          deltas.remove(previous?.facts ?? []).add(facts);
          contributions.push({ _id: journey.journeyId, containerNo, version: journey.version, facts });
        }
      }
      for (const previous of before.values()) {
        if (current !== undefined && !current.has(previous._id)) {
          deltas.remove(previous.facts);
          removed.add(previous._id);
        }
      }
    }
    const changed = deltas.list();
    if (contributions.length > 0 || removed.size > 0) {
      seq = (
        await repository.commit({ _id: writer, contributions, removedJourneyIds: [...removed], deltas: changed }, seq)
      ).seq;
    }
    result.journeysChanged += contributions.length;
    result.journeysRemoved += removed.size;
    result.bucketsChanged += changed.length;
  }
  return result;
}
