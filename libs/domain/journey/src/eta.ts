import type { Leg, Place } from '@mmt/contracts';
import type { LiveEvent } from './live-event';
import type { MilestoneSlot } from './milestones';
import { sameLocation } from './places';
import { compareText, compareTimes, maxBy, minBy } from './time';

/** ARRI is the arrival; DISC, then GTIN, stand in when no source reported one. */
const ARRIVAL_CODES_IN_PREFERENCE: readonly string[] = ['ARRI', 'DISC', 'GTIN'];
const ESTIMATED_ARRIVAL_CODES: readonly string[] = ['ARRI', 'DISC'];

/**
 * Where the journey ends: its main document's destination; but where the container is carried on from there
 * under the same shipment (a through bill of lading's on-carriage, a transshipment), where the legs that follow
 * on from there lead: each starting where the one before ended. The container is then in transit on that leg,
 * never arrived.
 */
export function finalDestination(documentDestination: Place | undefined, legs: readonly Leg[]): Place | undefined {
  let end = documentDestination;
  const reaching = legs.findLastIndex((leg) => sameLocation(leg.to, documentDestination));
  if (reaching < 0) {
    return end;
  }
  for (const leg of legs.slice(reaching + 1)) {
    if (!sameLocation(leg.from, end) || leg.to === undefined) {
      break;
    }
    end = leg.to;
  }
  return end;
}

/**
 * The actual arrival at the destination (by LOCODE): the last leg's, when it ends there (the conveyance the
 * container reached it on, not one whose report named it but which it missed); else the first ARRI there, else
 * DISC, else GTIN.
 */
export function actualArrival(
  slots: readonly MilestoneSlot[],
  destination: Place | undefined,
  legs: readonly Leg[],
): string | undefined {
  const last = legs.at(-1);
  if (last?.actualArrival !== undefined && sameLocation(last.to, destination)) {
    return last.actualArrival;
  }
  for (const code of ARRIVAL_CODES_IN_PREFERENCE) {
    const first = minBy(
      atDestination(slots, code, destination)
        .map((slot) => slot.versions.ACT?.eventDateTime)
        .filter((time): time is string => time !== undefined),
      compareTimes,
    );
    if (first !== undefined) {
      return first;
    }
  }
  return undefined;
}

/**
 * The estimated arrival at the destination: the estimate recorded last (later eventCreatedDateTime, then later
 * eventDateTime, then larger eventId), of ARRI, else of DISC. Only an estimate: never an actual time.
 */
export function estimatedArrival(slots: readonly MilestoneSlot[], destination: Place | undefined): string | undefined {
  for (const code of ESTIMATED_ARRIVAL_CODES) {
    const latest = maxBy(
      atDestination(slots, code, destination)
        .map((slot) => slot.versions.EST)
        .filter((event): event is LiveEvent => event !== undefined),
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

function atDestination(slots: readonly MilestoneSlot[], code: string, destination: Place | undefined) {
  return destination === undefined
    ? []
    : slots.filter((slot) => slot.code === code && sameLocation(slot.place, destination));
}
