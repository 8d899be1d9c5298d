import type { Journey, TrackingEvent } from '@mmt/contracts';
import { foldJourneys } from './fold-journeys';
import { chinaEuropeTrip, tripUntil } from './testing/china-europe-trip.factory';
import {
  ALASHANKOU,
  BARGE_YZ,
  CARRIER,
  CHONGQING_PORT,
  CONSIGNEE,
  cst,
  DUISBURG,
  equipmentEvent,
  GUOYUAN_STATION,
  manifestEvent,
  manifestRef,
  QINZHOU_EAST,
  SHANGHAI,
  SHIPPER,
  TRAIN_X8001,
  TRAIN_X8001_EUROPE,
  TRAIN_X8001_WIDE_GAUGE,
  transportEvent,
  TUANJIECUN,
  utc,
  waybillEvent,
  waybillRef,
} from './testing/tracking-event.factory';

function fold(events: readonly TrackingEvent[]): Journey {
  const [journey] = foldJourneys(events);
  return journey;
}

const issued = (fields: Partial<Parameters<typeof waybillEvent>[0]> = {}) =>
  waybillEvent({ eventId: 'wb', eventDateTime: cst('02-27T09:00'), ...fields });

describe(foldJourneys.name, () => {
  describe('corridor', () => {
    it('takes the waybill’s corridor when it names one', () => {
      expect(fold([issued({ corridor: 'LAND_SEA_CORRIDOR' })]).corridor).toBe('LAND_SEA_CORRIDOR');
    });

    it.each([
      ['a China-Europe border or terminus', { destination: DUISBURG }, 'CHINA_EUROPE_RAIL'],
      ['Qinzhou or Singapore', { origin: GUOYUAN_STATION, destination: QINZHOU_EAST }, 'LAND_SEA_CORRIDOR'],
      ['Shanghai or Ningbo', { origin: CHONGQING_PORT, destination: SHANGHAI }, 'YANGTZE_RIVER_SEA'],
    ] as const)('detects it from %s', (_, places, corridor) => {
      expect(fold([issued(places)]).corridor).toBe(corridor);
    });

    it('detects the Yangtze corridor from a barge', () => {
      const onBarge = issued({ origin: CHONGQING_PORT, destination: CHONGQING_PORT });
      const load = equipmentEvent('LOAD', {
        eventId: 'load',
        eventDateTime: cst('03-01T08:00'),
        location: CHONGQING_PORT,
        conveyance: BARGE_YZ,
      });
      expect(fold([onBarge, load]).corridor).toBe('YANGTZE_RIVER_SEA');
    });

    it('leaves it out when nothing points to a corridor', () => {
      expect(fold([issued({ origin: TUANJIECUN, destination: GUOYUAN_STATION })])).not.toHaveProperty('corridor');
    });
  });

  describe('legs', () => {
    it('makes one leg per train, ordered by departure, through both gauge changes', () => {
      const journey = fold([...tripUntil('completed')].reverse());
      expect(journey.legs.map((leg) => [leg.conveyance, leg.from?.locode, leg.to?.locode])).toEqual([
        [TRAIN_X8001, 'CNCQI', 'CNAKL'],
        [TRAIN_X8001_WIDE_GAUGE, 'CNAKL', 'BYBQT'],
        [TRAIN_X8001_EUROPE, 'BYBQT', 'DEDUI'],
      ]);
      expect(journey.legs[2]).toEqual({
        mode: 'RAIL',
        conveyance: TRAIN_X8001_EUROPE,
        from: { locode: 'BYBQT', facility: 'BRS' },
        to: DUISBURG,
        actualDeparture: utc('03-14T09:00'),
        actualArrival: utc('03-17T22:00'),
      });
    });

    it('ends a train’s leg where the container was transferred to the next train, not at the first train’s destination', () => {
      const manifestToDuisburg = manifestEvent({
        eventId: 'mf',
        eventDateTime: cst('02-28T12:00'),
        destination: DUISBURG,
      });
      const departs = transportEvent('DEPA', { eventId: 'dep', eventDateTime: cst('03-01T11:30') });
      const expectedAtDuisburg = transportEvent('ARRI', {
        eventId: 'eta',
        classifier: 'EST',
        eventDateTime: utc('03-18T08:00'),
        location: DUISBURG,
      });
      const transfer = equipmentEvent('TRANSFER', {
        eventId: 'transfer',
        eventDateTime: cst('03-04T20:00'),
        location: ALASHANKOU,
        conveyance: TRAIN_X8001_WIDE_GAUGE,
      });
      const wideGaugeArrives = transportEvent('ARRI', {
        eventId: 'brest',
        eventDateTime: utc('03-13T10:00'),
        location: { locode: 'BYBQT', facility: 'BRS' },
        conveyance: TRAIN_X8001_WIDE_GAUGE,
      });
      const legs = fold([issued(), manifestToDuisburg, departs, expectedAtDuisburg, transfer, wideGaugeArrives]).legs;
      expect(legs).toEqual([
        {
          mode: 'RAIL',
          conveyance: TRAIN_X8001,
          from: TUANJIECUN,
          to: ALASHANKOU,
          actualDeparture: cst('03-01T11:30'),
        },
        {
          mode: 'RAIL',
          conveyance: TRAIN_X8001_WIDE_GAUGE,
          from: ALASHANKOU,
          to: { locode: 'BYBQT', facility: 'BRS' },
          actualDeparture: cst('03-04T20:00'),
          actualArrival: utc('03-13T10:00'),
        },
      ]);
    });

    it('falls back to LOAD for the departure and DISC for the arrival', () => {
      const load = equipmentEvent('LOAD', {
        eventId: 'load',
        eventDateTime: cst('03-01T06:00'),
        conveyance: TRAIN_X8001,
      });
      const disc = equipmentEvent('DISC', {
        eventId: 'disc',
        eventDateTime: cst('03-04T05:00'),
        conveyance: TRAIN_X8001,
        location: ALASHANKOU,
      });
      expect(fold([issued(), load, disc]).legs).toEqual([
        {
          mode: 'RAIL',
          conveyance: TRAIN_X8001,
          from: TUANJIECUN,
          to: ALASHANKOU,
          actualDeparture: load.eventDateTime,
          actualArrival: disc.eventDateTime,
        },
      ]);
    });

    it('plans a leg from a manifest alone', () => {
      const manifest = manifestEvent({ eventId: 'mf', eventDateTime: cst('02-28T12:00') });
      expect(fold([issued(), manifest]).legs).toEqual([
        { mode: 'RAIL', conveyance: TRAIN_X8001, from: TUANJIECUN, to: ALASHANKOU },
      ]);
    });
  });

  describe('dwell', () => {
    it('measures a rail hub from actual arrival to actual departure, and the destination from discharge to gate-out, across offsets', () => {
      const journey = fold(tripUntil('completed'));
      expect(journey.dwell).toEqual([
        { place: ALASHANKOU, arrivedAt: cst('03-04T02:00'), departedAt: cst('03-05T01:00'), minutes: 23 * 60 },
        {
          place: { locode: 'BYBQT', facility: 'BRS' },
          arrivedAt: utc('03-13T10:00'),
          departedAt: utc('03-14T09:00'),
          minutes: 23 * 60,
        },
        { place: DUISBURG, arrivedAt: utc('03-17T23:30'), departedAt: utc('03-19T07:00'), minutes: 31 * 60 + 30 },
      ]);
    });

    it('measures a transshipment hub from the container’s discharge to its next loading there, not conveyance to conveyance', () => {
      const at = (code: 'ARRI' | 'DEPA', eventId: string, time: string, conveyance: typeof TRAIN_X8001) =>
        transportEvent(code, { eventId, eventDateTime: cst(time), location: CHONGQING_PORT, conveyance });
      const handled = (code: 'DISC' | 'LOAD', eventId: string, time: string, conveyance: typeof TRAIN_X8001) =>
        equipmentEvent(code, { eventId, eventDateTime: cst(time), location: CHONGQING_PORT, conveyance });
      const journey = fold([
        issued(),
        at('ARRI', 'train-arrives', '03-01T08:00', TRAIN_X8001),
        handled('DISC', 'discharged', '03-01T11:00', TRAIN_X8001),
        handled('LOAD', 'loaded', '03-02T15:00', BARGE_YZ),
        at('DEPA', 'barge-departs', '03-03T06:00', BARGE_YZ),
      ]);
      expect(journey.dwell).toEqual([
        { place: CHONGQING_PORT, arrivedAt: cst('03-01T11:00'), departedAt: cst('03-02T15:00'), minutes: 28 * 60 },
      ]);
    });

    it('keeps a discharged container’s stay open until it is loaded or leaves', () => {
      const journey = fold([
        issued(),
        transportEvent('ARRI', { eventId: 'arr', eventDateTime: cst('03-01T08:00'), location: CHONGQING_PORT }),
        equipmentEvent('DISC', { eventId: 'disc', eventDateTime: cst('03-01T11:00'), location: CHONGQING_PORT }),
      ]);
      expect(journey.dwell).toEqual([{ place: CHONGQING_PORT, arrivedAt: cst('03-01T11:00') }]);
    });

    it('leaves the minutes out while the container is still there', () => {
      const trip = chinaEuropeTrip();
      const journey = fold([...tripUntil('departed'), trip.atBorder[0]]);
      expect(journey.dwell).toEqual([{ place: ALASHANKOU, arrivedAt: cst('03-04T02:00') }]);
    });

    it('ignores estimated arrivals and departures', () => {
      const journey = fold(tripUntil('departed'));
      expect(journey.dwell).toEqual([]);
    });
  });

  describe('ETA and delay', () => {
    it('uses the latest estimate of arrival at the destination against the waybill plan', () => {
      const journey = fold(tripUntil('departed'));
      expect(journey.plannedArrival).toBe(cst('03-18T10:00'));
      expect(journey.eta).toBe(utc('03-18T08:00'));
      expect(journey.delayMinutes).toBe(6 * 60);
    });

    it('takes a newer estimate over an older one, even from another train', () => {
      const newer = transportEvent('ARRI', {
        eventId: 'arri-dui-est-2',
        classifier: 'EST',
        eventDateTime: utc('03-17T20:00'),
        eventCreatedDateTime: cst('03-14T09:00'),
        location: DUISBURG,
        conveyance: TRAIN_X8001_EUROPE,
      });
      const journey = fold([...tripUntil('departed'), newer]);
      expect(journey.eta).toBe(utc('03-17T20:00'));
      expect(journey.delayMinutes).toBe(-6 * 60);
    });

    it('says arrived, with the actual arrival and no ETA, once there is one', () => {
      const journey = fold(tripUntil('arrived'));
      expect(journey.status).toBe('ARRIVED');
      expect(journey.arrivedAt).toBe(utc('03-17T22:00'));
      expect(journey).not.toHaveProperty('eta');
      expect(journey.delayMinutes).toBe(-4 * 60);
    });

    it('has an arrival time only once arrived, and an ETA only before', () => {
      const departed = fold(tripUntil('departed'));
      expect(departed.status).toBe('IN_TRANSIT');
      expect(departed).not.toHaveProperty('arrivedAt');
      expect(departed.eta).toBeDefined();
    });

    it('measures the delay against the schedule of the train that arrives, per leg and at the destination', () => {
      const scheduled = (eventId: string, code: 'DEPA' | 'ARRI', time: string, created: string) =>
        transportEvent(code, {
          eventId,
          classifier: 'PLN',
          eventDateTime: utc(time),
          eventCreatedDateTime: cst(created),
          location: code === 'ARRI' ? DUISBURG : { locode: 'BYBQT', facility: 'BRS' },
          conveyance: TRAIN_X8001_EUROPE,
        });
      const timetable = [scheduled('tt-arri', 'ARRI', '03-17T12:00', '03-01T08:00')];
      const journey = fold([...tripUntil('arrived'), ...timetable]);
      expect(journey.scheduledArrival).toBe(utc('03-17T12:00'));
      expect(journey.delayAgainst).toBe('SCHEDULE');
      expect(journey.delayMinutes).toBe(10 * 60);
      expect(journey.legs.at(-1)!.arrivalDelayMinutes).toBe(10 * 60);
      // A later version of the timetable replaces it, whatever order the versions arrive in.
      const changed = scheduled('tt-arri', 'ARRI', '03-17T20:00', '03-05T08:00');
      expect(fold([...tripUntil('arrived'), changed, ...timetable]).delayMinutes).toBe(2 * 60);
      expect(fold(tripUntil('arrived')).delayAgainst).toBe('WAYBILL');
    });

    it('has no delay without a plan, and no ETA without an estimate', () => {
      const noPlan = tripUntil('departed').map((event) =>
        event.eventType === 'SHIPMENT' ? { ...event, plannedArrival: undefined } : event,
      );
      expect(fold(noPlan)).not.toHaveProperty('delayMinutes');
      expect(fold([issued()])).not.toHaveProperty('eta');
    });
  });

  describe('customs', () => {
    const customs = (code: 'CUSS' | 'CUSI' | 'CUSR', eventId: string, time: string) =>
      equipmentEvent(code, { eventId, eventDateTime: cst(time) });

    it.each([
      ['NONE', []],
      ['SELECTED', [customs('CUSS', 'cuss', '02-28T10:00')]],
      ['INSPECTED', [customs('CUSS', 'cuss', '02-28T10:00'), customs('CUSI', 'cusi', '02-28T14:00')]],
      ['RELEASED', [customs('CUSI', 'cusi', '02-28T14:00'), customs('CUSR', 'cusr', '02-28T18:00')]],
      ['RELEASED', [customs('CUSR', 'cusr', '02-28T18:00'), customs('CUSS', 'cuss-later', '03-02T10:00')]],
      ['SELECTED', [customs('CUSI', 'cusi', '02-28T14:00'), customs('CUSS', 'cuss-later', '03-02T10:00')]],
    ] as const)('is %s after %j', (state, events) => {
      expect(fold([issued(), ...events]).customs).toBe(state);
    });

    it('does not count an estimated release', () => {
      const estimated = equipmentEvent('CUSR', {
        eventId: 'cusr',
        classifier: 'EST',
        eventDateTime: cst('03-01T09:00'),
      });
      expect(fold([issued(), estimated]).customs).toBe('NONE');
    });
  });

  describe('holds', () => {
    const manifest = (eventId: string, time: string, documentStatus: 'FILED' | 'HELD' | 'RELEASED') =>
      manifestEvent({ eventId, eventDateTime: cst(time), documentStatus });

    it('holds the journey while a manifest’s latest status is HELD', () => {
      const journey = fold([
        issued(),
        manifest('mf-filed', '02-28T10:00', 'FILED'),
        manifest('mf-held', '02-28T12:00', 'HELD'),
      ]);
      expect(journey.holds).toEqual(['MANIFEST_HELD:MF-X8001']);
      expect(journey.documentStatuses).toEqual([
        { document: waybillRef(), status: 'ISSUED' },
        { document: manifestRef(), status: 'HELD' },
      ]);
    });

    it('clears the hold on release, in whatever order the two arrive', () => {
      const held = manifest('mf-held', '02-28T12:00', 'HELD');
      const released = manifest('mf-released', '02-28T16:00', 'RELEASED');
      expect(fold([issued(), released, held]).holds).toEqual([]);
      expect(fold([issued(), held, released]).holds).toEqual([]);
    });
  });

  describe('status', () => {
    const trip = chinaEuropeTrip();
    it.each([
      ['PLANNED', tripUntil('booked')],
      ['AT_ORIGIN', [...tripUntil('booked'), trip.atOrigin[0]]],
      ['AT_ORIGIN', tripUntil('atOrigin')],
      ['IN_TRANSIT', tripUntil('departed')],
      ['AT_HUB', [...tripUntil('departed'), trip.atBorder[0]]],
      ['AT_HUB', tripUntil('atBorder')],
      ['IN_TRANSIT', tripUntil('crossedAsia')],
      ['ARRIVED', tripUntil('arrived')],
      ['COMPLETED', tripUntil('completed')],
    ] as const)('is %s', (status, events) => {
      expect(fold(events).status).toBe(status);
    });

    it('is IN_TRANSIT after a border crossing', () => {
      const crossing = equipmentEvent('CROS', {
        eventId: 'cros',
        eventDateTime: cst('03-04T12:00'),
        location: ALASHANKOU,
      });
      expect(fold([...tripUntil('booked'), crossing]).status).toBe('IN_TRANSIT');
    });

    it('is COMPLETED after stripping at the destination', () => {
      const strip = equipmentEvent('STRP', { eventId: 'strp', eventDateTime: utc('03-18T10:00'), location: DUISBURG });
      expect(fold([...tripUntil('arrived'), strip]).status).toBe('COMPLETED');
    });

    it('is CANCELLED when the waybill is, whatever happened', () => {
      const cancelled = issued({
        eventId: 'wb-cancelled',
        eventDateTime: cst('03-02T09:00'),
        documentStatus: 'CANCELLED',
      });
      expect(fold([...tripUntil('departed'), cancelled]).status).toBe('CANCELLED');
    });

    it('reports the place of the latest actual event', () => {
      expect(fold(tripUntil('booked'))).not.toHaveProperty('currentPlace');
      expect(fold(tripUntil('departed')).currentPlace).toEqual(TUANJIECUN);
      expect(fold(tripUntil('atBorder')).currentPlace).toEqual(ALASHANKOU);
    });
  });

  describe('documents and parties', () => {
    it('unions documents and parties, sorted, with every orgId for access control', () => {
      const journey = fold(tripUntil('departed'));
      expect(journey.documents).toEqual([waybillRef(), manifestRef()]);
      expect(journey.parties).toEqual([CARRIER, CONSIGNEE, SHIPPER]);
      expect(journey.orgIds).toEqual([CARRIER.orgId, CONSIGNEE.orgId, SHIPPER.orgId].sort());
    });

    it('takes origin, destination, plan and cold chain from the latest waybill version', () => {
      const amended = issued({
        eventId: 'wb-amended',
        eventDateTime: cst('02-28T09:00'),
        documentStatus: 'AMENDED',
        destination: { locode: 'PLMAA', facility: 'MLT' },
        plannedArrival: undefined,
        coldChain: true,
        isoSizeType: '45R1',
      });
      const journey = fold([issued(), amended]);
      expect(journey).toMatchObject({
        origin: TUANJIECUN,
        destination: { locode: 'PLMAA', facility: 'MLT' },
        plannedArrival: cst('03-18T10:00'),
        coldChain: true,
        isoSizeType: '45R1',
        documentStatuses: [{ document: waybillRef(), status: 'AMENDED' }],
      });
    });
  });
});
