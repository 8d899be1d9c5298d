/** Valid raw messages of each kind, as JSON-ready objects, for the specs. Not exported from the library. */
import { TOPICS } from '@mmt/contracts';
import type { RawTopic } from '@mmt/contracts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonRecord = { [key: string]: Json };

export const CONTAINERS = ['CRSU3065491', 'MSKU3065490', 'TGHU3065492', 'CSQU3065496'] as const;

export function inTransitPerContainer(): JsonRecord {
  return {
    kind: 'IN_TRANSIT',
    messageId: 'cer-it-0001',
    source: 'CHINA_EUROPE_RAIL',
    sentAt: '2026-03-01T10:05:00+08:00',
    status: 'DEPARTED',
    classifier: 'ACT',
    eventTime: '2026-03-01T10:00:00+08:00',
    location: { locode: 'CNCQI', facility: 'TJC' },
    conveyance: { mode: 'RAIL', trainNo: 'X8001', departureDate: '2026-03-01' },
    containerNo: CONTAINERS[0],
    estimatedArrival: { location: { locode: 'DEDUI', facility: 'DIT' }, time: '2026-03-18T12:00:00+01:00' },
  };
}

export function inTransitPerConveyance(): JsonRecord {
  return { ...omit(inTransitPerContainer(), 'containerNo'), messageId: 'cer-it-0002' };
}

export function manifest(): JsonRecord {
  return {
    kind: 'MANIFEST',
    messageId: 'lsc-mf-0001',
    source: 'LAND_SEA_CORRIDOR',
    sentAt: '2026-03-02T08:00:00+08:00',
    manifestNo: 'MF-QZH-2026-0311',
    status: 'FILED',
    eventTime: '2026-03-02T07:55:00+08:00',
    conveyance: { mode: 'VESSEL', imo: '9321483', voyage: '026S' },
    placeOfLoading: { locode: 'CNQZH', facility: 'QCT' },
    placeOfDischarge: { locode: 'SGSIN', facility: 'PPT' },
    carrier: { orgId: 'ORG-CARRIER-01', name: 'Beibu Gulf Shipping' },
    containers: [
      {
        containerNo: CONTAINERS[1],
        documents: [{ type: 'BILL_OF_LADING', ref: 'BL-QZH-7781' }],
        isoSizeType: '45G1',
        emptyIndicator: 'LADEN',
        seals: ['SL123456'],
      },
      { containerNo: CONTAINERS[2], documents: [] },
    ],
  };
}

export function waybill(): JsonRecord {
  return {
    kind: 'WAYBILL',
    messageId: 'cer-wb-0001',
    source: 'CHINA_EUROPE_RAIL',
    sentAt: '2026-02-27T09:00:00+08:00',
    documentType: 'CIM_SMGS',
    documentNo: 'CIMSMGS-CQ-2026-001',
    status: 'ISSUED',
    eventTime: '2026-02-27T08:30:00+08:00',
    shipper: { orgId: 'ORG-SHIPPER-01', name: 'Chongqing Laptop Works' },
    consignee: { orgId: 'ORG-CONSIGNEE-01', name: 'Duisburg Electronics GmbH' },
    forwarder: { orgId: 'ORG-FWD-01', name: 'Yuxinou Logistics' },
    origin: { locode: 'CNCQI', facility: 'TJC' },
    destination: { locode: 'DEDUI', facility: 'DIT' },
    corridor: 'CHINA_EUROPE_RAIL',
    cargoDescription: 'Notebook computers',
    coldChain: false,
    plannedDeparture: '2026-03-01T10:00:00+08:00',
    plannedArrival: '2026-03-18T12:00:00+01:00',
    containers: [{ containerNo: CONTAINERS[0], isoSizeType: '45G1' }, { containerNo: CONTAINERS[3] }],
  };
}

export function loading(): JsonRecord {
  return {
    kind: 'LOADING',
    messageId: 'cer-ld-0001',
    source: 'CHINA_EUROPE_RAIL',
    sentAt: '2026-03-08T14:10:00+03:00',
    containerNo: CONTAINERS[0],
    operation: 'TRANSFER',
    eventTime: '2026-03-08T14:00:00+03:00',
    location: { locode: 'BYBQT', facility: 'BRS' },
    conveyance: { mode: 'RAIL', trainNo: 'X8001-BY', departureDate: '2026-03-08' },
    documents: [{ type: 'CIM_SMGS', ref: 'CIMSMGS-CQ-2026-001' }],
    emptyIndicator: 'LADEN',
    isoSizeType: '45G1',
    seals: ['SL654321'],
  };
}

/** A China-Europe train's timetable: departure, a border crossing passed, and the arrival at the border exit. */
export function schedule(): JsonRecord {
  return {
    kind: 'SCHEDULE',
    messageId: 'cer-tt-0001',
    source: 'CHINA_EUROPE_RAIL',
    sentAt: '2026-02-25T09:00:00+08:00',
    eventTime: '2026-02-25T09:00:00+08:00',
    conveyance: { mode: 'RAIL', trainNo: 'X8001', departureDate: '2026-03-01' },
    serviceCode: 'X8001',
    transportCalls: [
      { location: { locode: 'CNCQI', facility: 'TJC' }, plannedDeparture: '2026-03-01T10:00:00+08:00' },
      { location: { locode: 'CNHRS', facility: 'HRB' }, plannedPassing: '2026-03-03T20:00:00+08:00' },
      {
        location: { locode: 'KZHOR' },
        plannedArrival: '2026-03-04T02:00:00+06:00',
        plannedDeparture: '2026-03-04T09:00:00+06:00',
      },
    ],
  };
}

export const VALID: readonly { topic: RawTopic; name: string; make: () => JsonRecord }[] = [
  { topic: TOPICS.rawInTransit, name: 'in-transit per container', make: inTransitPerContainer },
  { topic: TOPICS.rawInTransit, name: 'in-transit per conveyance', make: inTransitPerConveyance },
  { topic: TOPICS.rawManifest, name: 'manifest', make: manifest },
  { topic: TOPICS.rawWaybill, name: 'waybill', make: waybill },
  { topic: TOPICS.rawLoading, name: 'loading', make: loading },
  { topic: TOPICS.rawSchedule, name: 'schedule', make: schedule },
];

export function bytes(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

/** A copy of `record` without `keys`. */
export function omit(record: JsonRecord, ...keys: readonly string[]): JsonRecord {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
}
