import { createHash } from 'node:crypto';
import { eventVersionKey, type Journey, type Place, type TransportMode } from '@mmt/contracts';
import type { JourneyBucket } from './assign-journeys';
import type { LiveEvent } from './live-event';
import { detectCorridor } from './corridor';
import { customsState } from './customs';
import { holdsFrom, isCancelled, latestDocumentStatuses } from './document-statuses';
import { documentsOf, uniqueDocuments } from './documents';
import { dwellAtHubs } from './dwell';
import { actualArrival, estimatedArrival, finalDestination } from './eta';
import { behindPlan, buildLegs } from './legs';
import { milestoneSlots, placeOf, toMilestones } from './milestones';
import { optional } from './optional';
import { sameLocation } from './places';
import { currentPlace, journeyStatus, latestMovement } from './status';
import { compareTimes, maxBy, minBy } from './time';
import { journeyParties, waybillFacts } from './waybill-facts';

/**
 * A short digest of the journey's live events, each as its version (eventVersionKey: id and sentAt), in id
 * order: equal sets of event versions give equal versions, and a correction of an event changes it.
 */
export function journeyVersion(events: readonly LiveEvent[]): string {
  return createHash('sha256').update(events.map(eventVersionKey).join('\n')).digest('hex').slice(0, 16);
}

/** The journey made of one bucket of live events. */
export function foldJourney(containerNo: string, bucket: JourneyBucket): Journey {
  const { events, mainDocumentKeys } = bucket;
  const slots = milestoneSlots(events);
  const facts = waybillFacts(events, mainDocumentKeys);
  const documentStatuses = latestDocumentStatuses(events);
  const legs = buildLegs(slots);
  const destination = finalDestination(facts.destination, legs);
  const eventIds = events.map((event) => event.eventId); // live events only: see index.ts
  const times = events.map((event) => event.eventDateTime);
  const { parties, orgIds } = journeyParties(events);
  const movement = latestMovement(slots);
  const place = currentPlace(slots, movement);
  const corridor = facts.corridor ?? detectCorridor(placesOf(bucket), modesOf(bucket));
  const status = journeyStatus({
    cancelled: isCancelled(documentStatuses, mainDocumentKeys),
    origin: facts.origin,
    destination,
    slots,
    movement,
  });
  const ended = status === 'ARRIVED' || status === 'COMPLETED';
  const arrivedAt = ended ? (actualArrival(slots, destination, legs) ?? movement?.best.eventDateTime) : undefined;
  const eta = ended || status === 'CANCELLED' ? undefined : estimatedArrival(slots, destination);
  const arrival = arrivedAt ?? eta;
  const lastLeg = legs.at(-1);
  const scheduledArrival = sameLocation(lastLeg?.to, destination) ? lastLeg?.plannedArrival : undefined;
  const plan = scheduledArrival ?? facts.plannedArrival;
  const delayAgainst: Journey['delayAgainst'] =
    scheduledArrival !== undefined ? 'SCHEDULE' : facts.plannedArrival !== undefined ? 'WAYBILL' : undefined;

  return {
    journeyId: bucket.journeyId,
    containerNo,
    ...optional('corridor', corridor),
    ...optional('origin', facts.origin),
    ...optional('destination', destination),
    documents: uniqueDocuments(events.flatMap(documentsOf)),
    documentStatuses,
    parties,
    orgIds,
    status,
    ...optional('currentPlace', place),
    legs,
    milestones: toMilestones(slots),
    ...optional('plannedArrival', facts.plannedArrival),
    ...optional('scheduledArrival', scheduledArrival),
    ...optional('eta', eta),
    ...optional('arrivedAt', arrivedAt),
    ...optional('delayMinutes', behindPlan(plan, arrival)),
    ...optional('delayAgainst', delayAgainst),
    dwell: dwellAtHubs(slots),
    customs: customsState(slots),
    holds: holdsFrom(documentStatuses),
    coldChain: facts.coldChain,
    ...optional('isoSizeType', facts.isoSizeType),
    ...optional('startedAt', minBy(times, compareTimes)),
    ...optional('lastEventAt', maxBy(times, compareTimes)),
    ...optional(
      'lastActualEventAt',
      maxBy(
        events.filter((event) => event.classifier === 'ACT').map((event) => event.eventDateTime),
        compareTimes,
      ),
    ),
    eventIds,
    version: journeyVersion(events),
  };
}

function placesOf(bucket: JourneyBucket): Place[] {
  return bucket.events.flatMap((event) => {
    if (event.eventType === 'SHIPMENT') {
      return [event.origin, event.destination].filter((place): place is Place => place !== undefined);
    }
    const place = placeOf(event);
    return place === undefined ? [] : [place];
  });
}

function modesOf(bucket: JourneyBucket): TransportMode[] {
  return bucket.events.flatMap((event) => (event.conveyance === undefined ? [] : [event.conveyance.mode]));
}
