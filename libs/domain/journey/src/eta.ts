import type { Place } from '@mmt/contracts';
import type { LiveEvent } from './live-event';
import type { MilestoneSlot } from './milestones';
import { sameLocation } from './places';
import { compareText, compareTimes, maxBy, minBy } from './time';

/** ARRI is the arrival; DISC stands in when no source reported one. */
const ARRIVAL_CODES_IN_PREFERENCE: readonly string[] = ['ARRI', 'DISC'];

/**
 * Arrival at the destination (by LOCODE): the first actual arrival if there is one, else the estimate
 * recorded last (later eventCreatedDateTime, then later eventDateTime, then larger eventId).
 */
export function estimatedTimeOfArrival(
  slots: readonly MilestoneSlot[],
  destination: Place | undefined,
): string | undefined {
  if (destination === undefined) {
    return undefined;
  }
  const atDestination = (code: string) =>
    slots.filter((slot) => slot.code === code && sameLocation(slot.place, destination));
  for (const code of ARRIVAL_CODES_IN_PREFERENCE) {
    const actual = atDestination(code)
      .map((slot) => slot.versions.ACT?.eventDateTime)
      .filter((time): time is string => time !== undefined);
    const first = minBy(actual, compareTimes);
    if (first !== undefined) {
      return first;
    }
  }
  for (const code of ARRIVAL_CODES_IN_PREFERENCE) {
    const estimates = atDestination(code)
      .map((slot) => slot.versions.EST)
      .filter((event): event is LiveEvent => event !== undefined);
    const latest = maxBy(
      estimates,
      (a, b) =>
        compareTimes(a.eventCreatedDateTime, b.eventCreatedDateTime) ||
        compareTimes(a.eventDateTime, b.eventDateTime) ||
        compareText(a.eventId, b.eventId),
    );
    if (latest !== undefined) {
      return latest.eventDateTime;
    }
  }
  return undefined;
}
