import { createHash } from 'node:crypto';
import {
  conveyanceKey,
  eventVersionKey,
  type Conveyance,
  type DocumentRef,
  type EquipmentEvent,
  type Place,
  type ShipmentEvent,
  type TrackingEvent,
  type TransportEvent,
} from '@mmt/contracts';
import type {
  DcsaDocumentReference,
  DcsaEquipmentEvent,
  DcsaEvent,
  DcsaLocation,
  DcsaShipmentEvent,
  DcsaTransportCall,
} from './dcsa-event';

/**
 * A DCSA event id: a UUID (version 8, RFC 9562) from the container and the canonical event's version key, so a
 * replay gives the same id and a correction (a later version) a new one. Receivers deduplicate on it.
 */
export function dcsaEventId(
  containerNo: string,
  event: Pick<TrackingEvent, 'eventId' | 'eventCreatedDateTime'>,
): string {
  const hex = createHash('sha256')
    .update(`${containerNo}|${eventVersionKey(event)}`)
    .digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** What a transport document is to DCSA: bills of lading and waybills (rail ones included) are transport documents. */
const TRANSPORT_DOCUMENT_TYPES: Partial<Record<DocumentRef['type'], 'BOL' | 'SWB'>> = {
  BILL_OF_LADING: 'BOL',
  WAYBILL: 'SWB',
  CIM_SMGS: 'SWB',
};

function documentReferences(documents: readonly DocumentRef[]): DcsaDocumentReference[] {
  return documents
    .filter((document) => TRANSPORT_DOCUMENT_TYPES[document.type] !== undefined)
    .map((document) => ({ documentReferenceType: 'TRD', documentReferenceValue: document.ref }));
}

function location(place: Place): DcsaLocation {
  return { UNLocationCode: place.locode, ...(place.facility === undefined ? {} : { facilityCode: place.facility }) };
}

function voyageOf(conveyance: Conveyance): string | undefined {
  return conveyance.mode === 'VESSEL' || conveyance.mode === 'BARGE' ? conveyance.voyage : undefined;
}

/** A call of a conveyance at a place; its id names both, e.g. `RAIL:X8001:2026-03-01@CNQZH`. */
function transportCall(conveyance: Conveyance, place: Place): DcsaTransportCall {
  const voyage = voyageOf(conveyance);
  return {
    transportCallID: `${conveyanceKey(conveyance)}@${place.locode}${place.facility === undefined ? '' : `:${place.facility}`}`,
    modeOfTransport: conveyance.mode,
    UNLocationCode: place.locode,
    ...(place.facility === undefined ? {} : { facilityCode: place.facility }),
    ...(voyage === undefined ? {} : { exportVoyageNumber: voyage }),
    ...(conveyance.mode === 'VESSEL' ? { vessel: { vesselIMONumber: conveyance.imo } } : {}),
  };
}

/**
 * What every DCSA event has. `createdAt` is when the platform published it to partners (its place in the feed);
 * without one (a mapping for display or a test), the source's own time stands in.
 */
function base(event: TrackingEvent, createdAt: string) {
  return {
    eventID: dcsaEventId(event.containerNo, event),
    eventCreatedDateTime: createdAt,
    eventClassifierCode: event.classifier,
    eventDateTime: event.eventDateTime,
  };
}

/**
 * DCSA 2.2: a shipment event's eventDateTime "is the same as eventCreatedDateTime in UTC"; when the document
 * changed, as its source said, is kept in words in `reason`.
 */
function shipmentBase(event: TrackingEvent, createdAt: string) {
  return { ...base(event, createdAt), eventDateTime: createdAt };
}

const reported = (event: TrackingEvent) => `, reported for ${event.eventDateTime}`;

function transportEvent(event: TransportEvent, createdAt: string): DcsaEvent {
  const documents = documentReferences(event.documents);
  return {
    ...base(event, createdAt),
    eventType: 'TRANSPORT',
    transportEventTypeCode: event.transportEventTypeCode,
    transportCall: transportCall(event.conveyance, event.location),
    ...(documents.length === 0 ? {} : { documentReferences: documents }),
    // DCSA transport events are a vessel's; the platform's are one container's, named as an equipment reference.
    references: [{ referenceType: 'EQ', referenceValue: event.containerNo }],
  };
}

/** Customs steps, which DCSA 2.2 has no equipment codes for, are shipment events on a customs document. */
const CUSTOMS_SHIPMENT_CODES = {
  CUSD: 'SUBM',
  CUSS: 'REQS',
  CUSR: 'RELS',
} as const satisfies Partial<
  Record<EquipmentEvent['equipmentEventTypeCode'], DcsaShipmentEvent['shipmentEventTypeCode']>
>;

const EQUIPMENT_CODES = {
  LOAD: 'LOAD',
  DISC: 'DISC',
  GTIN: 'GTIN',
  GTOT: 'GTOT',
  STUF: 'STUF',
  STRP: 'STRP',
  INSP: 'INSP',
  CUSI: 'INSP',
} as const satisfies Partial<
  Record<EquipmentEvent['equipmentEventTypeCode'], DcsaEquipmentEvent['equipmentEventTypeCode']>
>;

function equipmentEvent(event: EquipmentEvent, createdAt: string): DcsaEvent | undefined {
  const code = event.equipmentEventTypeCode;
  if (code in CUSTOMS_SHIPMENT_CODES) {
    return {
      ...shipmentBase(event, createdAt),
      eventType: 'SHIPMENT',
      shipmentEventTypeCode: CUSTOMS_SHIPMENT_CODES[code as keyof typeof CUSTOMS_SHIPMENT_CODES],
      documentTypeCode: 'CUS',
      documentID: event.declarationNo ?? event.containerNo,
      reason: `${code} at ${event.location.locode}${reported(event)}`,
      references: [{ referenceType: 'EQ', referenceValue: event.containerNo }],
    };
  }
  const dcsaCode = EQUIPMENT_CODES[code as keyof typeof EQUIPMENT_CODES];
  if (dcsaCode === undefined) {
    return undefined; // CROS (border passing) and TRANSFER (gauge change): no DCSA 2.2 code; on GraphQL only.
  }
  const documents = documentReferences(event.documents);
  return {
    ...base(event, createdAt),
    eventType: 'EQUIPMENT',
    equipmentEventTypeCode: dcsaCode,
    // The platform tracks laden journeys: a source that does not say is reporting a laden container.
    emptyIndicatorCode: event.emptyIndicator ?? 'LADEN',
    equipmentReference: event.containerNo,
    ...(event.isoSizeType === undefined ? {} : { ISOEquipmentCode: event.isoSizeType }),
    eventLocation: location(event.location),
    ...(event.conveyance === undefined ? {} : { transportCall: transportCall(event.conveyance, event.location) }),
    ...(documents.length === 0 ? {} : { documentReferences: documents }),
  };
}

const SHIPMENT_CODES = {
  FILED: 'SUBM',
  ACCEPTED: 'APPR',
  AMENDED: 'PENU',
  RELEASED: 'RELS',
  HELD: 'HOLD',
  ISSUED: 'ISSU',
  CANCELLED: 'VOID',
} as const satisfies Record<ShipmentEvent['documentStatus'], DcsaShipmentEvent['shipmentEventTypeCode']>;

function shipmentEvent(event: ShipmentEvent, createdAt: string): DcsaEvent {
  const transport = TRANSPORT_DOCUMENT_TYPES[event.document.type] !== undefined;
  return {
    ...shipmentBase(event, createdAt),
    eventType: 'SHIPMENT',
    shipmentEventTypeCode: SHIPMENT_CODES[event.documentStatus],
    // A manifest is the cargo declaration to customs: a customs document to DCSA.
    documentTypeCode: transport ? 'TRD' : 'CUS',
    documentID: event.document.ref,
    reason: `${event.document.type} ${event.documentStatus}${reported(event)}`,
    references: [{ referenceType: 'EQ', referenceValue: event.containerNo }],
  };
}

/**
 * One canonical event as a DCSA 2.2 event, published to partners at `createdAt`, or undefined for those DCSA has no form for: retractions, border
 * passings (CROS) and gauge changes (TRANSFER). See docs/partner-api.md for the whole mapping.
 */
export function toDcsaEvent(
  event: TrackingEvent,
  createdAt: string = event.eventCreatedDateTime,
): DcsaEvent | undefined {
  switch (event.eventType) {
    case 'TRANSPORT':
      return transportEvent(event, createdAt);
    case 'EQUIPMENT':
      return equipmentEvent(event, createdAt);
    case 'SHIPMENT':
      return shipmentEvent(event, createdAt);
    case 'RETRACTION':
      return undefined;
  }
}

/**
 * What the events API and subscriptions filter a DCSA event on, one value or a list per DCSA filter name. The
 * container is the equipment reference of every event of it, transport and shipment events included.
 */
export function filterFields(source: TrackingEvent, event: DcsaEvent) {
  const call = event.eventType === 'SHIPMENT' ? undefined : event.transportCall;
  const place = event.eventType === 'EQUIPMENT' ? event.eventLocation : call;
  const documents = [...source.documents, ...(source.eventType === 'SHIPMENT' ? [source.document] : [])].filter(
    (document) => TRANSPORT_DOCUMENT_TYPES[document.type] !== undefined,
  );
  return {
    eventType: event.eventType,
    eventClassifierCode: event.eventClassifierCode,
    equipmentReference: source.containerNo,
    ...(event.eventType === 'TRANSPORT' ? { transportEventTypeCode: event.transportEventTypeCode } : {}),
    ...(event.eventType === 'EQUIPMENT' ? { equipmentEventTypeCode: event.equipmentEventTypeCode } : {}),
    ...(event.eventType === 'SHIPMENT'
      ? { shipmentEventTypeCode: event.shipmentEventTypeCode, documentTypeCode: event.documentTypeCode }
      : {}),
    transportDocumentReference: [...new Set(documents.map((d) => d.ref))],
    transportDocumentTypeCode: [...new Set(documents.map((d) => TRANSPORT_DOCUMENT_TYPES[d.type]!))],
    ...(place === undefined ? {} : { UNLocationCode: place.UNLocationCode }),
    ...(call === undefined ? {} : { transportCallID: call.transportCallID }),
    ...(call?.vessel === undefined ? {} : { vesselIMONumber: call.vessel.vesselIMONumber }),
    ...(call?.exportVoyageNumber === undefined ? {} : { exportVoyageNumber: call.exportVoyageNumber }),
  };
}

export type FilterFields = ReturnType<typeof filterFields>;
