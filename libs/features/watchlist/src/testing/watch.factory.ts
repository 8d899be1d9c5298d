/** Watches, journeys and events for the specs. Not exported from the library. */
import type { Journey, TrackingEvent } from '@mmt/contracts';
import type { WatchDocument } from '../watch';

export const QINZHOU = { locode: 'CNQZH', facility: 'QCT' };
export const SINGAPORE = { locode: 'SGSIN', facility: 'PPT' };

export function watch(overrides: Partial<WatchDocument> = {}): WatchDocument {
  return {
    _id: 'w_1',
    follower: { keyId: 'key-1', role: 'SHIPPER', orgId: 'org-a' },
    type: 'CONTAINER',
    ref: 'CSNU1234560',
    targetKey: 'CONTAINER:CSNU1234560',
    kinds: ['ARRIVAL', 'DEPARTURE', 'HOLD', 'INSPECTION', 'ETA_CHANGED', 'DELIVERY'],
    etaHours: 6,
    email: 'a@example.com',
    language: 'en',
    emailOn: true,
    createdAt: new Date('2026-03-01T00:00:00Z'),
    ...overrides,
  };
}

export function journey(overrides: Partial<Journey> = {}): Journey {
  return {
    journeyId: 'CSNU1234560/BILL_OF_LADING:WSCL1',
    containerNo: 'CSNU1234560',
    destination: SINGAPORE,
    documents: [{ type: 'BILL_OF_LADING', ref: 'WSCL1' }],
    documentStatuses: [],
    parties: [],
    orgIds: ['org-a'],
    status: 'IN_TRANSIT',
    legs: [],
    milestones: [],
    dwell: [],
    customs: 'NONE',
    holds: [],
    coldChain: false,
    eventIds: [],
    version: 'v',
    ...overrides,
  };
}

const envelope = (eventId: string, at: string) => ({
  eventId,
  classifier: 'ACT' as const,
  eventDateTime: at,
  eventCreatedDateTime: at,
  receivedAt: at,
  source: { system: 'LAND_SEA_CORRIDOR' as const, rawKind: 'LOADING' as const, rawRef: `raw/${eventId}` },
  containerNo: 'CSNU1234560',
  documents: [],
});

export function equipment(code: 'CUSS' | 'CUSI' | 'GTOT' | 'LOAD', eventId: string, at: string, location = QINZHOU) {
  return { ...envelope(eventId, at), eventType: 'EQUIPMENT', equipmentEventTypeCode: code, location } as TrackingEvent;
}

export function transport(code: 'ARRI' | 'DEPA', eventId: string, at: string, location = QINZHOU) {
  const conveyance = { mode: 'VESSEL', imo: '9811000', voyage: '012S' } as const;
  return {
    ...envelope(eventId, at),
    eventType: 'TRANSPORT',
    transportEventTypeCode: code,
    conveyance,
    location,
  } as TrackingEvent;
}
