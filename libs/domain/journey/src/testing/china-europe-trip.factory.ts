import type { TrackingEvent } from '@mmt/contracts';
import {
  ALASHANKOU,
  cst,
  DUISBURG,
  equipmentEvent,
  manifestEvent,
  TRAIN_X8001,
  TRAIN_X8001_EUROPE,
  TRAIN_X8001_WIDE_GAUGE,
  transportEvent,
  TUANJIECUN,
  utc,
  waybillEvent,
  waybillRef,
  BREST,
} from './tracking-event.factory';

/**
 * One container's Chongqing → Duisburg trip on train X8001, with gauge changes at Alashankou and Brest.
 * Each step is a separate list so that tests can stop the trip anywhere.
 */
export function chinaEuropeTrip() {
  const documents = [waybillRef()];
  return {
    booked: [
      waybillEvent({ eventId: 'wb-issued', eventDateTime: cst('02-27T09:00') }),
      manifestEvent({ eventId: 'mf-filed', eventDateTime: cst('02-28T12:00') }),
    ],
    atOrigin: [
      equipmentEvent('GTIN', { eventId: 'gtin-tjc', eventDateTime: cst('02-28T15:00'), documents }),
      equipmentEvent('CUSR', { eventId: 'cusr-tjc', eventDateTime: cst('02-28T20:00'), location: TUANJIECUN }),
      equipmentEvent('LOAD', { eventId: 'load-tjc', eventDateTime: cst('03-01T06:00'), conveyance: TRAIN_X8001 }),
      transportEvent('DEPA', {
        eventId: 'depa-tjc-pln',
        classifier: 'PLN',
        eventDateTime: cst('03-01T10:00'),
        eventCreatedDateTime: cst('02-27T09:00'),
      }),
      transportEvent('ARRI', {
        eventId: 'arri-dui-est',
        classifier: 'EST',
        eventDateTime: utc('03-18T08:00'),
        eventCreatedDateTime: cst('02-28T09:00'),
        location: DUISBURG,
      }),
    ],
    departed: [transportEvent('DEPA', { eventId: 'depa-tjc-act', eventDateTime: cst('03-01T11:30') })],
    atBorder: [
      transportEvent('ARRI', { eventId: 'arri-akl', eventDateTime: cst('03-04T02:00'), location: ALASHANKOU }),
      equipmentEvent('TRANSFER', {
        eventId: 'transfer-akl',
        eventDateTime: cst('03-04T20:00'),
        location: ALASHANKOU,
        conveyance: TRAIN_X8001_WIDE_GAUGE,
      }),
    ],
    crossedAsia: [
      transportEvent('DEPA', {
        eventId: 'depa-akl',
        eventDateTime: cst('03-05T01:00'),
        location: ALASHANKOU,
        conveyance: TRAIN_X8001_WIDE_GAUGE,
      }),
      transportEvent('ARRI', {
        eventId: 'arri-brs',
        eventDateTime: utc('03-13T10:00'),
        location: BREST,
        conveyance: TRAIN_X8001_WIDE_GAUGE,
      }),
      equipmentEvent('TRANSFER', {
        eventId: 'transfer-brs',
        eventDateTime: utc('03-14T04:00'),
        location: BREST,
        conveyance: TRAIN_X8001_EUROPE,
      }),
      transportEvent('DEPA', {
        eventId: 'depa-brs',
        eventDateTime: utc('03-14T09:00'),
        location: BREST,
        conveyance: TRAIN_X8001_EUROPE,
      }),
    ],
    arrived: [
      transportEvent('ARRI', {
        eventId: 'arri-dui',
        eventDateTime: utc('03-17T22:00'),
        location: DUISBURG,
        conveyance: TRAIN_X8001_EUROPE,
      }),
      equipmentEvent('DISC', {
        eventId: 'disc-dui',
        eventDateTime: utc('03-17T23:30'),
        location: DUISBURG,
        conveyance: TRAIN_X8001_EUROPE,
      }),
    ],
    completed: [equipmentEvent('GTOT', { eventId: 'gtot-dui', eventDateTime: utc('03-19T07:00'), location: DUISBURG })],
  } satisfies Record<string, TrackingEvent[]>;
}

/** Every event of the trip up to and including `step`. */
export function tripUntil(step: keyof ReturnType<typeof chinaEuropeTrip>): TrackingEvent[] {
  const trip = chinaEuropeTrip();
  const steps = Object.keys(trip) as (keyof typeof trip)[];
  return steps.slice(0, steps.indexOf(step) + 1).flatMap((name): TrackingEvent[] => trip[name]);
}
