import type { Journey, JourneyStatus, Milestone, TrackingEvent } from '@mmt/contracts';
import fc from 'fast-check';
import { foldJourneys } from './fold-journeys';
import { latestMovementOf } from './status';
import { containerHistoryArbitrary } from './testing/container-history.arbitrary';
import { retractionOf } from './testing/tracking-event.factory';

const RUNS = { numRuns: 1000 };

/** The actual events that say where a container is. */
const MOVEMENTS = ['DEPA', 'ARRI', 'LOAD', 'DISC', 'GTIN', 'GTOT', 'CROS', 'TRANSFER', 'STRP'];

/** The statuses a journey may show when this is its latest actual movement. */
function statusesAfter(movement: Milestone, journey: Journey): JourneyStatus[] {
  const atDestination = movement.place?.locode === journey.destination?.locode;
  if (atDestination && ['ARRI', 'DISC', 'GTIN'].includes(movement.code)) {
    return ['ARRIVED'];
  }
  if (atDestination && ['GTOT', 'STRP'].includes(movement.code)) {
    return ['COMPLETED'];
  }
  return ['DEPA', 'CROS', 'GTOT'].includes(movement.code) ? ['IN_TRANSIT'] : ['AT_ORIGIN', 'AT_HUB'];
}

/** The journey's latest actual movements by its own milestones (several when they share the instant). */
function latestMovements(journey: Journey): Milestone[] {
  const moves = journey.milestones.filter((m) => m.classifier === 'ACT' && MOVEMENTS.includes(m.code));
  const latest = Math.max(...moves.map((m) => Date.parse(m.at)));
  return moves.filter((m) => Date.parse(m.at) === latest);
}

/** The same events in an order fast-check picks. */
function permutationOf(events: readonly TrackingEvent[]): fc.Arbitrary<TrackingEvent[]> {
  return fc.shuffledSubarray([...events], { minLength: events.length, maxLength: events.length });
}

const historyWithPermutation = containerHistoryArbitrary.chain((events) =>
  fc.tuple(fc.constant(events), permutationOf(events)),
);

describe(foldJourneys.name, () => {
  it('gives the same journeys for any permutation of the events', () => {
    fc.assert(
      fc.property(historyWithPermutation, ([events, permuted]) => {
        expect(foldJourneys(permuted)).toStrictEqual(foldJourneys(events));
      }),
      RUNS,
    );
  });

  it('ignores duplicates of any subset, in any order', () => {
    const withDuplicates = containerHistoryArbitrary.chain((events) =>
      fc.tuple(
        fc.constant(events),
        fc
          .subarray(events)
          .map((repeated) => [...events, ...repeated.map((event) => structuredClone(event))])
          .chain(permutationOf),
      ),
    );
    fc.assert(
      fc.property(withDuplicates, ([events, duplicated]) => {
        expect(foldJourneys(duplicated)).toStrictEqual(foldJourneys(events));
      }),
      RUNS,
    );
  });

  it('gives the same journeys whether manifests and waybills arrive first, last or anywhere', () => {
    const withLateDocuments = historyWithPermutation.map(([events, permuted]) => {
      const isDocument = (event: TrackingEvent) => event.eventType === 'SHIPMENT';
      const lastReceived = '2027-01-01T00:00:00Z';
      const late = events.filter(isDocument).map((event) => ({ ...event, receivedAt: lastReceived }));
      return {
        early: [...events.filter(isDocument), ...events.filter((event) => !isDocument(event))],
        late: [...events.filter((event) => !isDocument(event)), ...late],
        anywhere: permuted,
      };
    });
    fc.assert(
      fc.property(withLateDocuments, ({ early, late, anywhere }) => {
        const expected = foldJourneys(early);
        expect(foldJourneys(late)).toStrictEqual(expected);
        expect(foldJourneys(anywhere)).toStrictEqual(expected);
      }),
      RUNS,
    );
  });

  it('folds a retracted event exactly as if it had never arrived', () => {
    const withRetraction = containerHistoryArbitrary.chain((events) =>
      fc.tuple(fc.constant(events), fc.nat({ max: events.length - 1 })).chain(([all, index]) =>
        fc.record({
          retracted: permutationOf([...all, retractionOf(all[index])]),
          without: fc.constant(all.filter((_, i) => i !== index)),
        }),
      ),
    );
    fc.assert(
      fc.property(withRetraction, ({ retracted, without }) => {
        expect(foldJourneys(retracted)).toStrictEqual(foldJourneys(without));
      }),
      RUNS,
    );
  });

  it('folds the latest version of each event (its later sentAt), whatever order the versions arrive in', () => {
    const shiftBy = (time: string, minutes: number) => new Date(Date.parse(time) + minutes * 60_000).toISOString();
    const withVersions = containerHistoryArbitrary.chain((events) =>
      fc
        .uniqueArray(
          fc.record({
            index: fc.nat({ max: events.length - 1 }),
            // Each version: minutes after (or before) the original's sentAt, and how far it moves the event time.
            versions: fc.uniqueArray(
              fc.record({
                sentShift: fc.integer({ min: -600, max: 600 }).filter((n) => n !== 0),
                timeShift: fc.integer({ min: -180, max: 180 }),
              }),
              { minLength: 1, maxLength: 3, selector: (v) => v.sentShift },
            ),
          }),
          { maxLength: 4, selector: (c) => c.index },
        )
        .chain((corrections) => {
          const all: TrackingEvent[] = [...events];
          const latest = new Map(events.map((event) => [event.eventId, event]));
          for (const { index, versions } of corrections) {
            const original = events[index];
            for (const { sentShift, timeShift } of versions) {
              const version = {
                ...original,
                eventCreatedDateTime: shiftBy(original.eventCreatedDateTime, sentShift),
                eventDateTime: shiftBy(original.eventDateTime, timeShift),
              };
              all.push(version);
              if (
                Date.parse(version.eventCreatedDateTime) >
                Date.parse(latest.get(original.eventId)!.eventCreatedDateTime)
              ) {
                latest.set(original.eventId, version);
              }
            }
          }
          return fc.record({ arrived: permutationOf(all), latestOnly: fc.constant([...latest.values()]) });
        }),
    );
    fc.assert(
      fc.property(withVersions, ({ arrived, latestOnly }) => {
        expect(foldJourneys(arrived)).toStrictEqual(foldJourneys(latestOnly));
      }),
      RUNS,
    );
  });

  it('never lets a plan or an estimate, however recent, displace an actual milestone', () => {
    const isMovement = (event: TrackingEvent) => event.classifier === 'ACT' && event.eventType !== 'SHIPMENT';
    const withLateEstimate = containerHistoryArbitrary
      .filter((events) => events.some(isMovement))
      .chain((events) =>
        fc.record({
          events: fc.constant(events),
          actual: fc.constantFrom(...events.filter(isMovement)),
          classifier: fc.constantFrom('PLN' as const, 'EST' as const),
          // later, not earlier: an undocumented event moved before its journey's waybill would belong to the
          // previous journey by the time-window rule, which is assignment, not precedence
          shiftHours: fc.integer({ min: 0, max: 48 }),
        }),
      );
    fc.assert(
      fc.property(withLateEstimate, ({ events, actual, classifier, shiftHours }) => {
        const shifted = new Date(Date.parse(actual.eventDateTime) + shiftHours * 3_600_000).toISOString();
        const estimate = {
          ...actual,
          eventId: `late-${classifier}-${actual.eventId}`,
          classifier,
          eventDateTime: shifted,
          eventCreatedDateTime: '2027-01-01T00:00:00Z',
        };
        const milestones = (input: TrackingEvent[]) => foldJourneys(input).map((journey) => journey.milestones);
        expect(milestones([...events, estimate])).toStrictEqual(milestones(events));
      }),
      RUNS,
    );
  });

  it('puts every event in exactly one journey, with sorted ids and milestones', () => {
    fc.assert(
      fc.property(containerHistoryArbitrary, (events) => {
        const journeys = foldJourneys(events);
        const assigned = journeys.flatMap((journey) => journey.eventIds);
        expect([...assigned].sort()).toEqual(events.map((event) => event.eventId).sort());
        for (const journey of journeys) {
          expect(journey.eventIds).toEqual([...journey.eventIds].sort());
          const times = journey.milestones.map((milestone) => Date.parse(milestone.at));
          expect(times).toEqual([...times].sort((a, b) => a - b));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('reads status and current place from the latest actual movement among its own milestones, in any order of arrival', () => {
    fc.assert(
      fc.property(historyWithPermutation, ([, permuted]) => {
        for (const journey of foldJourneys(permuted).filter((j) => j.status !== 'CANCELLED')) {
          const latest = latestMovements(journey);
          if (latest.length === 0) {
            expect(journey.status).toBe('PLANNED');
            continue;
          }
          const agreeing = latest.filter(
            (m) =>
              statusesAfter(m, journey).includes(journey.status) && m.place?.locode === journey.currentPlace?.locode,
          );
          expect([journey.journeyId, journey.status, agreeing.length > 0]).toEqual([
            journey.journeyId,
            journey.status,
            true,
          ]);
          // The movement a reader is shown (Journey.latestMovement) is one the status and place were read from.
          const shown = latestMovementOf(journey.milestones);
          expect(shown && agreeing.includes(shown)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('gives an arrival time (one of its actual moves at the destination) exactly when arrived, and an ETA only before', () => {
    fc.assert(
      fc.property(containerHistoryArbitrary, (events) => {
        for (const journey of foldJourneys(events)) {
          const ended = journey.status === 'ARRIVED' || journey.status === 'COMPLETED';
          expect(journey.arrivedAt !== undefined).toBe(ended);
          if (ended) {
            expect(journey.eta).toBeUndefined();
            // An arrival there, or where no source reported one, the movement that ended the journey there.
            const there = journey.milestones.filter(
              (m) => m.classifier === 'ACT' && m.place?.locode === journey.destination?.locode,
            );
            expect(there.map((m) => m.at)).toContain(journey.arrivedAt);
          }
        }
      }),
      RUNS,
    );
  });

  it("never says arrived at a bill of lading's destination once the container is carried on from there", () => {
    // Without a cancelled trip, whose undocumented events other journeys would take in, each trip is a journey.
    const carriedOn = containerHistoryArbitrary.filter(
      (events) =>
        events.some((e) => e.eventType === 'TRANSPORT' && e.classifier === 'ACT' && e.conveyance.mode === 'VESSEL') &&
        !events.some((e) => e.eventType === 'SHIPMENT' && e.documentStatus === 'CANCELLED'),
    );
    fc.assert(
      fc.property(carriedOn, (events) => {
        for (const journey of foldJourneys(events)) {
          const departedFromShanghai = journey.milestones.some(
            (m) => m.classifier === 'ACT' && m.code === 'DEPA' && m.place?.locode === 'CNSGH',
          );
          if (departedFromShanghai) {
            expect(journey.destination?.locode).toBe('SGSIN');
            if (journey.status === 'ARRIVED' || journey.status === 'COMPLETED') {
              expect(journey.currentPlace?.locode).toBe('SGSIN');
            }
          }
        }
      }),
      RUNS,
    );
  });
});
