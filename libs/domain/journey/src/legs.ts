import type { Classifier, Conveyance, Leg, Place } from '@mmt/contracts';
import { conveyanceKey } from '@mmt/contracts';
import { isActual, type MilestoneSlot } from './milestones';
import { optional } from './optional';
import { copyPlace, sameLocation } from './places';
import { compareByEventTime, compareText, compareTimes, maxBy, minBy, wholeMinutesBetween } from './time';

/** Milestones that put the container on a conveyance. */
const LEG_CODES: readonly string[] = ['DEPA', 'ARRI', 'LOAD', 'DISC', 'TRANSFER', 'CROS'];
const DEPARTURES = ['DEPA'];
const DEPARTURE_FALLBACKS = ['LOAD', 'TRANSFER'];
const ARRIVALS = ['ARRI'];
const ARRIVAL_FALLBACKS = ['DISC'];

interface LegDraft {
  readonly leg: Leg;
  readonly key: string;
  readonly sortTime: string;
  /** Where the container was transferred onto this conveyance (gauge change): the previous leg ends there. */
  readonly transferredAt?: Place;
}

/**
 * One leg per conveyance the container moved on (or a manifest put it on), ordered by departure.
 * - from: where it first departed or was loaded (actual events first), else the manifest's origin;
 * - to: where it last arrived or was discharged (actual events first), else the manifest's destination,
 *   else where the next leg starts; but where the container was transferred onto the next leg's conveyance
 *   (TRANSFER, a gauge change), since it left this conveyance there whatever this one's reports and manifest
 *   say of its final destination;
 * - departure times: DEPA at `from` per classifier, falling back to LOAD / TRANSFER there;
 *   arrival times: ARRI at `to` per classifier, falling back to DISC there.
 */
export function buildLegs(slots: readonly MilestoneSlot[]): Leg[] {
  const slotsByConveyance = new Map<string, { conveyance: Conveyance; slots: MilestoneSlot[] }>();
  for (const slot of slots) {
    if (slot.conveyance === undefined || !(LEG_CODES.includes(slot.code) || slot.best.eventType === 'SHIPMENT')) {
      continue;
    }
    const key = conveyanceKey(slot.conveyance);
    const entry = slotsByConveyance.get(key) ?? { conveyance: slot.conveyance, slots: [] };
    entry.slots.push(slot);
    slotsByConveyance.set(key, entry);
  }
  const entries = [...slotsByConveyance.entries()];
  const drafts = entries
    .map(([key, entry]) => ({ entry, draft: draftLeg(key, entry.conveyance, entry.slots) }))
    .sort((a, b) => compareTimes(a.draft.sortTime, b.draft.sortTime) || compareText(a.draft.key, b.draft.key));
  return drafts.map(({ entry, draft }, index) => {
    const next = drafts[index + 1]?.draft;
    if (next?.transferredAt !== undefined && !sameLocation(draft.leg.to, next.transferredAt)) {
      return draftLeg(draft.key, entry.conveyance, entry.slots, next.transferredAt).leg;
    }
    const nextFrom = next?.leg.from;
    return draft.leg.to === undefined && nextFrom !== undefined ? { ...draft.leg, to: nextFrom } : draft.leg;
  });
}

function draftLeg(key: string, conveyance: Conveyance, slots: readonly MilestoneSlot[], endsAt?: Place): LegDraft {
  const withCode = (codes: readonly string[]) => slots.filter((slot) => codes.includes(slot.code));
  const bySlotTime = (a: MilestoneSlot, b: MilestoneSlot) => compareTimes(a.best.eventDateTime, b.best.eventDateTime);
  const manifests = slots
    .map((slot) => slot.best)
    .filter((event) => event.eventType === 'SHIPMENT')
    .sort(compareByEventTime)
    .reverse();
  const starts = withCode([...DEPARTURES, ...DEPARTURE_FALLBACKS]);
  const ends = withCode([...ARRIVALS, ...ARRIVAL_FALLBACKS]);
  const from =
    minBy(starts.filter(isActual), bySlotTime)?.place ??
    minBy(starts, bySlotTime)?.place ??
    manifests.find((event) => event.origin !== undefined)?.origin;
  const transfers = withCode(['TRANSFER']);
  const transferredAt = (minBy(transfers.filter(isActual), bySlotTime) ?? minBy(transfers, bySlotTime))?.place;
  const to =
    endsAt ??
    maxBy(ends.filter(isActual), bySlotTime)?.place ??
    maxBy(ends, bySlotTime)?.place ??
    manifests.find((event) => event.destination !== undefined)?.destination;

  const timeAt = (classifier: Classifier, place: Place | undefined, codes: readonly string[], fallbacks: string[]) =>
    timeOf(withCode(codes), classifier, place) ?? timeOf(withCode(fallbacks), classifier, place);
  const departure = (classifier: Classifier) => timeAt(classifier, from, DEPARTURES, DEPARTURE_FALLBACKS);
  const arrival = (classifier: Classifier) => timeAt(classifier, to, ARRIVALS, ARRIVAL_FALLBACKS);

  const leg: Leg = {
    mode: conveyance.mode,
    conveyance,
    ...optional('from', from === undefined ? undefined : copyPlace(from)),
    ...optional('to', to === undefined ? undefined : copyPlace(to)),
    ...optional('plannedDeparture', departure('PLN')),
    ...optional('estimatedDeparture', departure('EST')),
    ...optional('actualDeparture', departure('ACT')),
    ...optional('plannedArrival', arrival('PLN')),
    ...optional('estimatedArrival', arrival('EST')),
    ...optional('actualArrival', arrival('ACT')),
    ...optional('departureDelayMinutes', behindPlan(departure('PLN'), departure('ACT') ?? departure('EST'))),
    ...optional('arrivalDelayMinutes', behindPlan(arrival('PLN'), arrival('ACT') ?? arrival('EST'))),
  };
  const firstSeen = minBy(
    slots.map((slot) => slot.best.eventDateTime),
    compareTimes,
  );
  const sortTime = leg.actualDeparture ?? leg.estimatedDeparture ?? leg.plannedDeparture ?? firstSeen ?? '';
  return { leg, key, sortTime, ...optional('transferredAt', transferredAt) };
}

/** Whole minutes of `time` after `planned` (negative when before); undefined without both. */
export function behindPlan(planned: string | undefined, time: string | undefined): number | undefined {
  return planned === undefined || time === undefined ? undefined : wholeMinutesBetween(planned, time);
}

/** The earliest `classifier` version among the slots at `place`. */
function timeOf(slots: readonly MilestoneSlot[], classifier: Classifier, place: Place | undefined): string | undefined {
  const times = slots
    .filter((slot) => sameLocation(slot.place, place))
    .map((slot) => slot.versions[classifier]?.eventDateTime)
    .filter((time): time is string => time !== undefined);
  return minBy(times, compareTimes);
}
