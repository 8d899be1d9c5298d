import type { JourneyStatus, Place } from '@mmt/contracts';
import { compareSlotsInTime } from './hub-order';
import { isActual, type MilestoneSlot } from './milestones';
import { sameLocation } from './places';
import { maxBy } from './time';

/** What the last actual movement says about where the container is, when it is not yet at its destination. */
const STATUS_AFTER: Readonly<Record<string, (atOrigin: boolean) => JourneyStatus>> = {
  DEPA: () => 'IN_TRANSIT',
  CROS: () => 'IN_TRANSIT',
  GTOT: () => 'IN_TRANSIT',
  ARRI: () => 'AT_HUB',
  DISC: () => 'AT_HUB',
  TRANSFER: () => 'AT_HUB',
  GTIN: (atOrigin) => (atOrigin ? 'AT_ORIGIN' : 'AT_HUB'),
  LOAD: (atOrigin) => (atOrigin ? 'AT_ORIGIN' : 'AT_HUB'),
};

export interface StatusInput {
  readonly cancelled: boolean;
  readonly origin?: Place;
  readonly destination?: Place;
  readonly slots: readonly MilestoneSlot[];
}

/**
 * CANCELLED if the waybill is; COMPLETED once actually gated out or stripped at the destination; ARRIVED once
 * actually arrived or discharged there; otherwise read from the last actual movement (see STATUS_AFTER);
 * PLANNED before any. Without a known origin, a GTIN / LOAD before any actual departure counts as at origin.
 */
export function journeyStatus({ cancelled, origin, destination, slots }: StatusInput): JourneyStatus {
  if (cancelled) {
    return 'CANCELLED';
  }
  const actual = slots.filter(isActual);
  const atDestination = (codes: readonly string[]) =>
    actual.some((slot) => codes.includes(slot.code) && sameLocation(slot.place, destination));
  if (atDestination(['GTOT', 'STRP'])) {
    return 'COMPLETED';
  }
  if (atDestination(['ARRI', 'DISC'])) {
    return 'ARRIVED';
  }
  const movements = actual.filter((slot) => STATUS_AFTER[slot.code] !== undefined);
  const last = maxBy(movements, compareSlotsInTime);
  if (last === undefined) {
    return 'PLANNED';
  }
  const atOrigin =
    origin === undefined
      ? !movements.some((slot) => slot.code === 'DEPA' && compareSlotsInTime(slot, last) < 0)
      : sameLocation(last.place, origin);
  return STATUS_AFTER[last.code](atOrigin);
}

/** The place of the latest actual milestone that has one. */
export function currentPlace(slots: readonly MilestoneSlot[]): Place | undefined {
  return maxBy(
    slots.filter((slot) => isActual(slot) && slot.place !== undefined),
    compareSlotsInTime,
  )?.place;
}
