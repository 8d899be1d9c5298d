import type {
  Conveyance,
  DocumentRef,
  EquipmentEvent,
  EquipmentEventCode,
  Party,
  Place,
  RetractionEvent,
  ShipmentEvent,
  TrackingEvent,
  TransportEvent,
  TransportEventCode,
} from '@mmt/contracts';
import { makeContainerNo } from '@mmt/contracts';

export const CONTAINER_NO = makeContainerNo('CSQU', 305438);

export const TUANJIECUN: Place = { locode: 'CNCQI', facility: 'TJC' };
export const GUOYUAN_STATION: Place = { locode: 'CNCQI', facility: 'GYP' };
export const CHONGQING_PORT: Place = { locode: 'CNCHQ', facility: 'GYT' };
export const ALASHANKOU: Place = { locode: 'CNAKL', facility: 'AKB' };
export const BREST: Place = { locode: 'BYBQT', facility: 'BRS' };
export const MALASZEWICZE: Place = { locode: 'PLMAA', facility: 'MLT' };
export const DUISBURG: Place = { locode: 'DEDUI', facility: 'DIT' };
export const QINZHOU_EAST: Place = { locode: 'CNQZH', facility: 'QZE' };
export const QINZHOU_TERMINAL: Place = { locode: 'CNQZH', facility: 'QCT' };
export const SINGAPORE: Place = { locode: 'SGSIN', facility: 'PPT' };
export const SHANGHAI: Place = { locode: 'CNSGH', facility: 'YSP' };

export const TRAIN_X8001: Conveyance = { mode: 'RAIL', trainNo: 'X8001', departureDate: '2026-03-01' };
export const TRAIN_X8001_WIDE_GAUGE: Conveyance = { mode: 'RAIL', trainNo: 'X8001K', departureDate: '2026-03-04' };
export const TRAIN_X8001_EUROPE: Conveyance = { mode: 'RAIL', trainNo: 'X8001E', departureDate: '2026-03-14' };
export const VESSEL_QZ: Conveyance = { mode: 'VESSEL', imo: '9811000', voyage: '012S' };
export const BARGE_YZ: Conveyance = { mode: 'BARGE', name: 'Yuhai 18', voyage: 'YH0301' };

export const SHIPPER: Party = { role: 'SHIPPER', orgId: 'org-shipper-cq', name: 'Chongqing Electronics' };
export const CONSIGNEE: Party = { role: 'CONSIGNEE', orgId: 'org-consignee-de', name: 'Duisburg Imports GmbH' };
export const CARRIER: Party = { role: 'CARRIER', orgId: 'org-carrier-yxo', name: 'YXO Rail' };

export function waybillRef(ref = 'CQ-2026-0001'): DocumentRef {
  return { type: 'CIM_SMGS', ref };
}

export function manifestRef(ref = 'MF-X8001'): DocumentRef {
  return { type: 'MANIFEST', ref };
}

/** `2026-<monthDay>T<hh:mm>:00+08:00`, Chongqing time, e.g. cst('03-01T08:00'). */
export function cst(monthDayTime: string): string {
  return `2026-${monthDayTime}:00+08:00`;
}

/** `2026-<monthDay>T<hh:mm>:00Z`. */
export function utc(monthDayTime: string): string {
  return `2026-${monthDayTime}:00Z`;
}

type Envelope = Pick<TrackingEvent, 'eventId' | 'eventDateTime'>;

function envelope({ eventId, eventDateTime }: Envelope) {
  return {
    eventId,
    classifier: 'ACT' as const,
    eventDateTime,
    eventCreatedDateTime: eventDateTime,
    receivedAt: eventDateTime,
    source: { system: 'CHINA_EUROPE_RAIL' as const, rawKind: 'IN_TRANSIT' as const, rawRef: `raw/${eventId}` },
    containerNo: CONTAINER_NO,
    documents: [],
  };
}

export function transportEvent(
  code: TransportEventCode,
  fields: Envelope & Partial<Omit<TransportEvent, 'eventType' | 'transportEventTypeCode'>>,
): TransportEvent {
  return {
    ...envelope(fields),
    eventType: 'TRANSPORT',
    transportEventTypeCode: code,
    conveyance: TRAIN_X8001,
    location: TUANJIECUN,
    ...fields,
  };
}

export function equipmentEvent(
  code: EquipmentEventCode,
  fields: Envelope & Partial<Omit<EquipmentEvent, 'eventType' | 'equipmentEventTypeCode'>>,
): EquipmentEvent {
  return {
    ...envelope(fields),
    source: { system: 'CHINA_EUROPE_RAIL', rawKind: 'LOADING', rawRef: `raw/${fields.eventId}` },
    eventType: 'EQUIPMENT',
    equipmentEventTypeCode: code,
    location: TUANJIECUN,
    ...fields,
  };
}

/** A CIM/SMGS consignment note for Chongqing → Duisburg, issued unless told otherwise. */
export function waybillEvent(fields: Envelope & Partial<Omit<ShipmentEvent, 'eventType'>>): ShipmentEvent {
  return {
    ...envelope(fields),
    source: { system: 'CHINA_EUROPE_RAIL', rawKind: 'WAYBILL', rawRef: `raw/${fields.eventId}` },
    eventType: 'SHIPMENT',
    document: waybillRef(),
    documentStatus: 'ISSUED',
    parties: [SHIPPER, CONSIGNEE],
    origin: TUANJIECUN,
    destination: DUISBURG,
    coldChain: false,
    isoSizeType: '45G1',
    plannedDeparture: cst('03-01T10:00'),
    plannedArrival: cst('03-18T10:00'),
    ...fields,
  };
}

/** A train manifest line for the container, naming its waybill, filed unless told otherwise. */
export function manifestEvent(fields: Envelope & Partial<Omit<ShipmentEvent, 'eventType'>>): ShipmentEvent {
  return {
    ...envelope(fields),
    source: { system: 'CHINA_EUROPE_RAIL', rawKind: 'MANIFEST', rawRef: `raw/${fields.eventId}` },
    eventType: 'SHIPMENT',
    document: manifestRef(),
    documents: [waybillRef(), manifestRef()],
    documentStatus: 'FILED',
    parties: [CARRIER],
    conveyance: TRAIN_X8001,
    origin: TUANJIECUN,
    destination: ALASHANKOU,
    ...fields,
  };
}

/** Withdraws `target`. */
export function retractionOf(target: TrackingEvent, eventId = `retract-${target.eventId}`): RetractionEvent {
  return {
    ...envelope({ eventId, eventDateTime: target.eventDateTime }),
    eventCreatedDateTime: target.eventCreatedDateTime,
    eventType: 'RETRACTION',
    retractsEventId: target.eventId,
    documents: target.documents,
  };
}
