import type { JourneyStatus, Milestone, Place } from '@mmt/contracts';
import { compareMilestonesInTime, compareSlotsInTime } from './hub-order';
import { isActual, type MilestoneSlot } from './milestones';
import { sameLocation } from './places';
import { maxBy } from './time';

/** What the latest actual movement says about where the container is, anywhere but at its destination. */
const STATUS_AFTER: Readonly<Record<string, (atOrigin: boolean) => JourneyStatus>> = {
  DEPA: () => 'IN_TRANSIT',
  CROS: () => 'IN_TRANSIT',
  GTOT: () => 'IN_TRANSIT',
  STRP: () => 'AT_HUB',
  ARRI: () => 'AT_HUB',
  DISC: () => 'AT_HUB',
  TRANSFER: () => 'AT_HUB',
  GTIN: (atOrigin) => (atOrigin ? 'AT_ORIGIN' : 'AT_HUB'),
  LOAD: (atOrigin) => (atOrigin ? 'AT_ORIGIN' : 'AT_HUB'),
};

/** At the destination, the movements that end the journey; any other (a LOAD, a DEPA onward) is read as elsewhere. */
const AT_DESTINATION: Readonly<Record<string, JourneyStatus>> = {
  ARRI: 'ARRIVED',
  DISC: 'ARRIVED',
  GTIN: 'ARRIVED',
  GTOT: 'COMPLETED',
  STRP: 'COMPLETED',
};

/** The container's moves: the actual events that say where it is (customs and document events do not). */
export const MOVEMENT_CODES: readonly string[] = Object.keys(STATUS_AFTER);

export interface StatusInput {
  readonly cancelled: boolean;
  readonly origin?: Place;
  readonly destination?: Place;
  readonly slots: readonly MilestoneSlot[];
  /** latestMovement(slots), which the fold reads once for status, current place and arrival. */
  readonly movement: MilestoneSlot | undefined;
}

/** The latest actual movement: what status and current place are read from. */
export function latestMovement(slots: readonly MilestoneSlot[]): MilestoneSlot | undefined {
  return maxBy(
    slots.filter((slot) => isActual(slot) && slot.place !== undefined && MOVEMENT_CODES.includes(slot.code)),
    compareSlotsInTime,
  );
}

/**
 * The same latest actual movement, read from a folded journey's milestones (each its slot's winning version), so
 * that a reader can show what its status and current place were read from.
 */
export function latestMovementOf(milestones: readonly Milestone[]): Milestone | undefined {
  return maxBy(
    milestones.filter((m) => m.classifier === 'ACT' && m.place !== undefined && MOVEMENT_CODES.includes(m.code)),
    compareMilestonesInTime,
  );
}

/**
 * Read from the latest actual movement only, so that status and current place never contradict it:
 * - CANCELLED if the main document is; PLANNED before any movement;
 * - at the destination: ARRIVED after an arrival, discharge or gate-in there, COMPLETED after the gate-out or
 *   stripping there;
 * - anywhere else, or leaving the destination on an onward conveyance (a LOAD or DEPA there): see STATUS_AFTER,
 *   so a container on its way on is IN_TRANSIT, never ARRIVED. Without a known origin, a GTIN / LOAD before any
 *   actual departure counts as at origin.
 */
export function journeyStatus({ cancelled, origin, destination, slots, movement: last }: StatusInput): JourneyStatus {
  if (cancelled) {
    return 'CANCELLED';
  }
  if (last === undefined) {
    return 'PLANNED';
  }
  const ending = AT_DESTINATION[last.code];
  if (ending !== undefined && sameLocation(last.place, destination)) {
    return ending;
  }
  const atOrigin =
    origin === undefined
      ? !slots.some((slot) => isActual(slot) && slot.code === 'DEPA' && compareSlotsInTime(slot, last) < 0)
      : sameLocation(last.place, origin);
  return STATUS_AFTER[last.code](atOrigin);
}

/** Where the latest actual movement was; before any, the place of the latest actual milestone that has one. */
export function currentPlace(slots: readonly MilestoneSlot[], movement: MilestoneSlot | undefined): Place | undefined {
  return (
    movement?.place ??
    maxBy(
      slots.filter((slot) => isActual(slot) && slot.place !== undefined),
      compareSlotsInTime,
    )?.place
  );
}
