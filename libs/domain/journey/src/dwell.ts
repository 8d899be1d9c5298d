import type { Dwell, Place } from '@mmt/contracts';
import { compareSlotsInTime } from './hub-order';
import { isActual, type MilestoneSlot } from './milestones';
import { optional } from './optional';
import { sameLocation } from './places';
import { wholeMinutesBetween } from './time';

const ARRIVALS: readonly string[] = ['ARRI', 'DISC'];
const DEPARTURE = 'DEPA';
const LEAVINGS: readonly string[] = ['LOAD', DEPARTURE, 'TRANSFER', 'GTOT'];

interface Stay {
  readonly place: Place;
  /** The stay's actual moves there, in time order. */
  readonly moves: MilestoneSlot[];
  closed: boolean;
}

/**
 * One dwell per stay at a place (by LOCODE), from actual events only. A stay begins with the first ARRI or
 * DISC there and lasts until its DEPA from there, or until the container shows up elsewhere. What it measures
 * is the container's own time at the hub:
 * - at a transshipment hub (the container is discharged there): from its DISC to its next LOAD there, not from
 *   the arrival of the conveyance that brought it to the departure of the one that takes it on;
 * - at a hub without DISC/LOAD events (a rail hub, a border station): from the arrival to the departure;
 * - failing those, the stay ends at the departure, or at the last TRANSFER or GTOT (gate-out) there.
 * A stay with no end yet has no minutes.
 */
export function dwellAtHubs(slots: readonly MilestoneSlot[]): Dwell[] {
  const moves = slots
    .filter(
      (slot) =>
        isActual(slot) && slot.place !== undefined && (ARRIVALS.includes(slot.code) || LEAVINGS.includes(slot.code)),
    )
    .sort(compareSlotsInTime);
  const stays: Stay[] = [];
  let current: Stay | undefined;
  for (const move of moves) {
    const here = current !== undefined && !current.closed && sameLocation(current.place, move.place);
    if (here) {
      current!.moves.push(move);
      current!.closed = move.code === DEPARTURE;
    } else if (ARRIVALS.includes(move.code)) {
      current = { place: move.place!, moves: [move], closed: false };
      stays.push(current);
    }
  }
  return stays.map(measured);
}

function measured(stay: Stay): Dwell {
  const first = (codes: readonly string[], from = 0) =>
    stay.moves.slice(from).find((move) => codes.includes(move.code));
  const start = first(['DISC']) ?? stay.moves[0];
  const after = stay.moves.indexOf(start) + 1;
  const end =
    first(['LOAD'], after) ??
    first([DEPARTURE], after) ??
    stay.moves
      .slice(after)
      .filter((move) => move.code === 'TRANSFER' || move.code === 'GTOT')
      .at(-1);
  const arrivedAt = start.best.eventDateTime;
  const departedAt = end?.best.eventDateTime;
  return {
    place: stay.place,
    arrivedAt,
    ...optional('departedAt', departedAt),
    ...optional('minutes', departedAt === undefined ? undefined : wholeMinutesBetween(arrivedAt, departedAt)),
  };
}
