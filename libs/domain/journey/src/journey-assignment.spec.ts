import type { TrackingEvent } from '@mmt/contracts';
import { foldJourneys } from './fold-journeys';
import { tripUntil } from './testing/china-europe-trip.factory';
import {
  CONTAINER_NO,
  cst,
  DUISBURG,
  equipmentEvent,
  manifestEvent,
  manifestRef,
  transportEvent,
  TUANJIECUN,
  waybillEvent,
  waybillRef,
} from './testing/tracking-event.factory';

const FIRST = waybillRef('CQ-2026-0001');
const SECOND = waybillRef('DE-2026-0777');

/** The container's return trip: a second waybill, Duisburg → Chongqing, issued after the first trip ended. */
function returnTrip(): TrackingEvent[] {
  return [
    waybillEvent({
      eventId: 'wb2-issued',
      eventDateTime: cst('03-25T09:00'),
      document: SECOND,
      origin: DUISBURG,
      destination: TUANJIECUN,
      plannedArrival: cst('04-15T09:00'),
    }),
    equipmentEvent('GTIN', { eventId: 'gtin-dui', eventDateTime: cst('03-26T10:00'), location: DUISBURG }),
  ];
}

describe(foldJourneys.name, () => {
  describe('container reuse across waybills', () => {
    it('makes one journey per waybill, sorted by start', () => {
      const journeys = foldJourneys([...returnTrip(), ...tripUntil('completed')]);
      expect(journeys.map((j) => j.journeyId)).toEqual([
        `${CONTAINER_NO}/CIM_SMGS:CQ-2026-0001`,
        `${CONTAINER_NO}/CIM_SMGS:DE-2026-0777`,
      ]);
      expect(journeys.map((j) => j.status)).toEqual(['COMPLETED', 'AT_ORIGIN']);
    });

    it('puts undocumented events in the journey whose time window holds them', () => {
      const [first, second] = foldJourneys([...tripUntil('completed'), ...returnTrip()]);
      expect(first.eventIds).toContain('gtot-dui'); // 03-19, before the second waybill
      expect(first.eventIds).not.toContain('gtin-dui');
      expect(second.eventIds).toEqual(['gtin-dui', 'wb2-issued']);
    });

    it('puts an event carrying a document in that document’s journey, whatever its time', () => {
      const lateScan = equipmentEvent('INSP', {
        eventId: 'insp-late',
        eventDateTime: cst('04-01T10:00'),
        documents: [FIRST],
      });
      const [first, second] = foldJourneys([...tripUntil('completed'), ...returnTrip(), lateScan]);
      expect(first.eventIds).toContain('insp-late');
      expect(second.eventIds).not.toContain('insp-late');
    });

    it('puts an undocumented report on a train with the journey whose manifest lists that train', () => {
      const returnTrain = { mode: 'RAIL' as const, trainNo: 'X8002', departureDate: '2026-03-28' };
      const returnManifest = manifestEvent({
        eventId: 'mf2-filed',
        eventDateTime: cst('03-26T12:00'),
        document: manifestRef('MF-X8002'),
        documents: [SECOND, manifestRef('MF-X8002')],
        conveyance: returnTrain,
      });
      // planned before the second waybill was issued, so its time alone would put it on the first trip
      const plannedDeparture = transportEvent('DEPA', {
        eventId: 'depa-x8002-pln',
        classifier: 'PLN',
        eventDateTime: cst('03-24T10:00'),
        location: DUISBURG,
        conveyance: returnTrain,
      });
      const [first, second] = foldJourneys([
        ...tripUntil('completed'),
        ...returnTrip(),
        returnManifest,
        plannedDeparture,
      ]);
      expect(second.eventIds).toContain('depa-x8002-pln');
      expect(first.eventIds).not.toContain('depa-x8002-pln');
      expect(second.legs.map((leg) => leg.plannedDeparture)).toEqual([cst('03-24T10:00')]);
    });

    it('gives events before every window to the first journey', () => {
      const early = equipmentEvent('STUF', { eventId: 'stuf-early', eventDateTime: cst('02-20T10:00') });
      const [first] = foldJourneys([...tripUntil('booked'), ...returnTrip(), early]);
      expect(first.eventIds).toContain('stuf-early');
    });

    it('gives no undocumented events to a cancelled journey', () => {
      const cancelled = waybillEvent({
        eventId: 'wb2-cancelled',
        eventDateTime: cst('03-25T12:00'),
        document: SECOND,
        documentStatus: 'CANCELLED',
      });
      const [first, second] = foldJourneys([...tripUntil('completed'), ...returnTrip(), cancelled]);
      expect(second.status).toBe('CANCELLED');
      expect(second.eventIds).toEqual(['wb2-cancelled', 'wb2-issued']);
      expect(first.eventIds).toContain('gtin-dui');
    });
  });

  describe('documents', () => {
    it('joins a manifest to the journey of the waybill it lists, even before the waybill arrives', () => {
      const manifest = manifestEvent({ eventId: 'mf', eventDateTime: cst('02-28T12:00') });
      const [early] = foldJourneys([manifest]);
      expect(early.journeyId).toBe(`${CONTAINER_NO}/CIM_SMGS:CQ-2026-0001`);
      const [complete] = foldJourneys([manifest, ...tripUntil('booked')]);
      expect(complete.journeyId).toBe(early.journeyId);
    });

    it('follows a manifest ref to the waybill’s journey', () => {
      const onTrain = equipmentEvent('CROS', {
        eventId: 'cros',
        eventDateTime: cst('04-05T10:00'),
        documents: [manifestRef()],
      });
      const [first, second] = foldJourneys([...tripUntil('booked'), ...returnTrip(), onTrain]);
      expect(first.eventIds).toContain('cros');
      expect(second.eventIds).not.toContain('cros');
    });

    it('folds everything into one UNDOCUMENTED journey when no event names a main document', () => {
      const events = tripUntil('completed').filter((event) => event.eventType !== 'SHIPMENT');
      const journeys = foldJourneys(events.map((event) => ({ ...event, documents: [] })));
      expect(journeys.map((j) => [j.journeyId, j.eventIds.length])).toEqual([
        [`${CONTAINER_NO}/UNDOCUMENTED`, events.length],
      ]);
    });

    it('keeps one journey for two main documents named together', () => {
      const billOfLading = { type: 'BILL_OF_LADING' as const, ref: 'BL-77' };
      const bl = waybillEvent({
        eventId: 'bl-issued',
        eventDateTime: cst('03-10T09:00'),
        document: billOfLading,
        documents: [FIRST],
      });
      const journeys = foldJourneys([...tripUntil('departed'), bl]);
      expect(journeys.map((j) => j.journeyId)).toEqual([`${CONTAINER_NO}/CIM_SMGS:CQ-2026-0001`]);
      expect(journeys[0].documents).toEqual([billOfLading, FIRST, manifestRef()]);
    });

    it('folds each container separately', () => {
      const other = tripUntil('departed').map((event) => ({
        ...event,
        eventId: `other-${event.eventId}`,
        containerNo: 'MSKU1234565',
      }));
      const journeys = foldJourneys([...tripUntil('departed'), ...other]);
      expect(journeys.map((j) => j.containerNo).sort()).toEqual([CONTAINER_NO, 'MSKU1234565'].sort());
    });
  });
});
