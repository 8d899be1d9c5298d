import type { Dwell, Place } from '@mmt/contracts';
import { compareSlotsInTime } from './hub-order';
import { isActual, type MilestoneSlot } from './milestones';
import { optional } from './optional';
import { sameLocation } from './places';
import { wholeMinutesBetween } from './time';

const ARRIVALS: readonly string[] = ['ARRI', 'DISC'];
/** A DEPA ends a stay; otherwise the last of these before the container shows up elsewhere does. */
const DEPARTURE = 'DEPA';
const DEPARTURE_FALLBACKS: readonly string[] = ['LOAD', 'TRANSFER', 'GTOT'];

interface Stay {
  readonly place: Place;
  readonly arrivedAt: string;
  departedAt?: string;
  closed: boolean;
}

/**
 * One dwell per stay at a place (by LOCODE), from actual events only: a stay starts at the first ARRI or
 * DISC there and ends at the first DEPA from there, or failing that at the last LOAD / TRANSFER / GTOT
 * there before the container arrives somewhere else. A stay with no departure yet has no minutes.
 */
export function dwellAtHubs(slots: readonly MilestoneSlot[]): Dwell[] {
  const moves = slots
    .filter(
      (slot) =>
        isActual(slot) &&
        slot.place !== undefined &&
        (ARRIVALS.includes(slot.code) || slot.code === DEPARTURE || DEPARTURE_FALLBACKS.includes(slot.code)),
    )
    .sort(compareSlotsInTime);
  const stays: Stay[] = [];
  let current: Stay | undefined;
  for (const move of moves) {
    const here = current !== undefined && !current.closed && sameLocation(current.place, move.place);
    if (ARRIVALS.includes(move.code)) {
      if (!here && move.place !== undefined) {
        current = { place: move.place, arrivedAt: move.best.eventDateTime, closed: false };
        stays.push(current);
      }
    } else if (here && current !== undefined) {
      current.departedAt = move.best.eventDateTime;
      current.closed = move.code === DEPARTURE;
    }
  }
  return stays.map((stay) => ({
    place: stay.place,
    arrivedAt: stay.arrivedAt,
    ...optional('departedAt', stay.departedAt),
    ...optional(
      'minutes',
      stay.departedAt === undefined ? undefined : wholeMinutesBetween(stay.arrivedAt, stay.departedAt),
    ),
  }));
}
