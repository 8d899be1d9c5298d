import type { Journey, TrackingEvent } from '@mmt/contracts';
import { foldJourneys } from './fold-journeys';
import { chinaEuropeTrip, tripUntil } from './testing/china-europe-trip.factory';
import {
  ALASHANKOU,
  cst,
  DUISBURG,
  equipmentEvent,
  retractionOf,
  transportEvent,
  utc,
  waybillEvent,
} from './testing/tracking-event.factory';

function onlyJourney(events: readonly TrackingEvent[]): Journey {
  const journeys = foldJourneys(events);
  expect(journeys).toHaveLength(1);
  return journeys[0];
}

function milestone(journey: Journey, code: string, locode: string) {
  return journey.milestones.find((m) => m.code === code && m.place?.locode === locode);
}

describe(foldJourneys.name, () => {
  it('gives no journeys for no events', () => {
    expect(foldJourneys([])).toEqual([]);
  });

  describe('milestone precedence', () => {
    const pln = transportEvent('DEPA', {
      eventId: 'depa-pln',
      classifier: 'PLN',
      eventDateTime: cst('03-01T10:00'),
      eventCreatedDateTime: cst('02-20T00:00'),
    });
    const est = transportEvent('DEPA', {
      eventId: 'depa-est',
      classifier: 'EST',
      eventDateTime: cst('03-01T12:00'),
      eventCreatedDateTime: cst('03-01T08:00'),
    });
    const act = transportEvent('DEPA', {
      eventId: 'depa-act',
      eventDateTime: cst('03-01T11:30'),
      eventCreatedDateTime: cst('03-01T11:31'),
    });

    it('lets ACT beat EST beat PLN for the same milestone, whatever was recorded last', () => {
      const estCreatedAfterAct = { ...est, eventCreatedDateTime: cst('03-02T00:00') };
      const journey = onlyJourney([pln, act, estCreatedAfterAct]);
      expect(journey.milestones).toEqual([
        {
          code: 'DEPA',
          classifier: 'ACT',
          at: act.eventDateTime,
          place: act.location,
          conveyance: act.conveyance,
          eventId: 'depa-act',
          sourceSystem: 'CHINA_EUROPE_RAIL',
        },
      ]);
      expect(onlyJourney([pln, est]).milestones.map((m) => m.eventId)).toEqual(['depa-est']);
      expect(onlyJourney([pln]).milestones.map((m) => m.classifier)).toEqual(['PLN']);
    });

    it('keeps the plan, the estimate and the actual side by side on the leg', () => {
      const [leg] = onlyJourney([pln, est, act]).legs;
      expect(leg).toMatchObject({
        plannedDeparture: pln.eventDateTime,
        estimatedDeparture: est.eventDateTime,
        actualDeparture: act.eventDateTime,
      });
    });

    it('treats the same code at another place or on another conveyance as another milestone', () => {
      const elsewhere = { ...act, eventId: 'depa-akl', location: ALASHANKOU, eventDateTime: cst('03-05T01:00') };
      expect(onlyJourney([pln, act, elsewhere]).milestones.map((m) => m.eventId)).toEqual(['depa-act', 'depa-akl']);
    });

    it('replaces a version with a later correction of the same classifier', () => {
      const corrected = transportEvent('DEPA', {
        eventId: 'depa-est-2',
        classifier: 'EST',
        eventDateTime: cst('03-01T16:00'),
        eventCreatedDateTime: cst('03-01T09:00'),
      });
      for (const events of [
        [est, corrected],
        [corrected, est],
      ]) {
        const journey = onlyJourney(events);
        expect(journey.milestones.map((m) => [m.eventId, m.at])).toEqual([['depa-est-2', cst('03-01T16:00')]]);
        expect(journey.legs[0].estimatedDeparture).toBe(cst('03-01T16:00'));
      }
    });

    it('compares creation times as instants, not as text', () => {
      const laterInUtc = { ...est, eventId: 'depa-est-utc', eventDateTime: cst('03-01T18:00') };
      // 03-01T01:00Z is 09:00 in Chongqing: after the +08:00 version's 08:00 although it sorts first as text
      const corrected = { ...laterInUtc, eventCreatedDateTime: utc('03-01T01:00') };
      expect(onlyJourney([est, corrected]).milestones[0].eventId).toBe('depa-est-utc');
    });

    it('breaks a tie in creation time by the larger eventId', () => {
      const twin = { ...est, eventId: 'depa-est-b', eventDateTime: cst('03-01T13:00') };
      expect(onlyJourney([twin, est]).milestones[0].eventId).toBe('depa-est-b');
    });
  });

  describe('duplicates', () => {
    it('changes nothing when an event arrives twice', () => {
      const events = tripUntil('arrived');
      expect(foldJourneys([...events, ...events.slice(2, 6), events[0]])).toStrictEqual(foldJourneys(events));
    });

    it('picks the version recorded last when two events share an id but differ, in any order', () => {
      const first = equipmentEvent('GTIN', { eventId: 'gtin', eventDateTime: cst('02-28T15:00') });
      const second = { ...first, eventDateTime: cst('02-28T16:00'), eventCreatedDateTime: cst('02-28T17:00') };
      expect(onlyJourney([first, second]).milestones[0].at).toBe(cst('02-28T16:00'));
      expect(onlyJourney([second, first]).milestones[0].at).toBe(cst('02-28T16:00'));
    });

    it('picks deterministically between two versions with the same creation time', () => {
      const first = equipmentEvent('GTIN', { eventId: 'gtin', eventDateTime: cst('02-28T15:00') });
      const second = { ...first, seals: ['SEAL-1'] };
      expect(foldJourneys([first, second])).toStrictEqual(foldJourneys([second, first]));
    });
  });

  describe('retractions', () => {
    it('acts as if the retracted event had never arrived', () => {
      const trip = chinaEuropeTrip();
      const [arrival] = trip.arrived;
      const withRetraction = [...tripUntil('arrived'), retractionOf(arrival)];
      const without = tripUntil('arrived').filter((event) => event.eventId !== arrival.eventId);
      expect(foldJourneys(withRetraction)).toStrictEqual(foldJourneys(without));
      expect(milestone(onlyJourney(withRetraction), 'ARRI', 'DEDUI')?.eventId).toBe('arri-dui-est');
    });

    it('applies when the retraction arrives before the event it withdraws', () => {
      const gtin = equipmentEvent('GTIN', { eventId: 'gtin', eventDateTime: cst('02-28T15:00') });
      const load = equipmentEvent('LOAD', { eventId: 'load', eventDateTime: cst('03-01T06:00') });
      expect(foldJourneys([retractionOf(load), gtin, load])).toStrictEqual(foldJourneys([gtin]));
    });

    it('brings the event back when the retraction itself is retracted', () => {
      const gtin = equipmentEvent('GTIN', { eventId: 'gtin', eventDateTime: cst('02-28T15:00') });
      const retraction = retractionOf(gtin);
      expect(foldJourneys([gtin, retraction, retractionOf(retraction)])).toStrictEqual(foldJourneys([gtin]));
    });

    it('removes the journey when its only document is retracted and nothing else names it', () => {
      const waybill = waybillEvent({ eventId: 'wb', eventDateTime: cst('02-27T09:00') });
      expect(foldJourneys([waybill, retractionOf(waybill)])).toEqual([]);
    });

    it('lists neither retractions nor retracted events in eventIds', () => {
      const events = tripUntil('departed');
      const journey = onlyJourney([...events, retractionOf(events[2])]);
      expect(journey.eventIds).not.toContain(events[2].eventId);
      expect(journey.eventIds).not.toContain(`retract-${events[2].eventId}`);
    });
  });

  describe('eventIds, times and version', () => {
    it('lists the sorted ids, the first and last event times as given, and a digest of the ids', () => {
      const journey = onlyJourney(tripUntil('departed'));
      expect(journey.eventIds).toEqual([...journey.eventIds].sort());
      expect(journey.startedAt).toBe(cst('02-27T09:00'));
      expect(journey.lastEventAt).toBe(utc('03-18T08:00'));
      expect(journey.version).toMatch(/^[0-9a-f]{16}$/);
    });

    it('changes the version exactly when the event set does', () => {
      const before = onlyJourney(tripUntil('departed'));
      expect(onlyJourney([...tripUntil('departed')].reverse()).version).toBe(before.version);
      expect(onlyJourney(tripUntil('atBorder')).version).not.toBe(before.version);
    });

    it('orders times by instant although offsets differ', () => {
      const early = equipmentEvent('GTIN', { eventId: 'a', eventDateTime: utc('03-01T01:00') }); // 09:00 +08:00
      const late = equipmentEvent('STUF', { eventId: 'b', eventDateTime: cst('03-01T08:30') }); // 00:30Z
      const journey = onlyJourney([early, late]);
      expect([journey.startedAt, journey.lastEventAt]).toEqual([late.eventDateTime, early.eventDateTime]);
      expect(journey.milestones.map((m) => m.code)).toEqual(['STUF', 'GTIN']);
    });

    it('outputs milestones sorted by time, then code, then eventId', () => {
      const journey = onlyJourney(tripUntil('completed'));
      const sorted = [...journey.milestones].sort(
        (a, b) => Date.parse(a.at) - Date.parse(b.at) || a.code.localeCompare(b.code),
      );
      expect(journey.milestones).toEqual(sorted);
      expect(milestone(journey, 'GTOT', DUISBURG.locode)?.sourceSystem).toBe('CHINA_EUROPE_RAIL');
    });
  });
});
