/**
 * The DCSA Track & Trace 2.2 event shapes the platform serves on `GET /v2/events` and pushes to webhook
 * subscriptions: the fields it fills, with the standard's names and codes (docs/openapi/tnt-v2.2.yaml).
 */

export const DCSA_API_VERSION = '2.2.0';

export const DCSA_EVENT_TYPES = ['SHIPMENT', 'TRANSPORT', 'EQUIPMENT'] as const;
export type DcsaEventType = (typeof DCSA_EVENT_TYPES)[number];

export const DCSA_CLASSIFIERS = ['PLN', 'EST', 'ACT'] as const;

export const DCSA_TRANSPORT_EVENT_CODES = ['ARRI', 'DEPA'] as const;
export const DCSA_EQUIPMENT_EVENT_CODES = [
  'LOAD',
  'DISC',
  'GTIN',
  'GTOT',
  'STUF',
  'STRP',
  'PICK',
  'DROP',
  'INSP',
  'RSEA',
  'RMVD',
] as const;
export const DCSA_SHIPMENT_EVENT_CODES = [
  'RECE',
  'DRFT',
  'PENA',
  'PENU',
  'REJE',
  'APPR',
  'ISSU',
  'SURR',
  'SUBM',
  'VOID',
  'CONF',
  'REQS',
  'CMPL',
  'HOLD',
  'RELS',
] as const;
export const DCSA_DOCUMENT_TYPE_CODES = [
  'CBR',
  'BKG',
  'SHI',
  'SRM',
  'TRD',
  'ARN',
  'VGM',
  'CAS',
  'CUS',
  'DGD',
  'OOG',
] as const;
/** Transport document kinds (deprecated in 2.2 subscriptions, kept as a filter): bill of lading, sea waybill. */
export const DCSA_TRANSPORT_DOCUMENT_TYPES = ['BOL', 'SWB'] as const;

export interface DcsaLocation {
  readonly UNLocationCode: string;
  readonly facilityCode?: string;
  readonly locationName?: string;
}

export interface DcsaTransportCall {
  readonly transportCallID: string;
  readonly modeOfTransport: 'VESSEL' | 'RAIL' | 'TRUCK' | 'BARGE';
  readonly UNLocationCode: string;
  readonly facilityCode?: string;
  readonly exportVoyageNumber?: string;
  readonly vessel?: { readonly vesselIMONumber: string };
  readonly location?: DcsaLocation;
}

export interface DcsaDocumentReference {
  readonly documentReferenceType: 'BKG' | 'TRD';
  readonly documentReferenceValue: string;
}

export interface DcsaReference {
  readonly referenceType: 'FF' | 'SI' | 'PO' | 'CR' | 'AAO' | 'EQ';
  readonly referenceValue: string;
}

interface DcsaEventBase {
  /** Stable per version of a canonical event: a replay gives the same id, a correction a new one. */
  readonly eventID: string;
  readonly eventCreatedDateTime: string;
  readonly eventClassifierCode: (typeof DCSA_CLASSIFIERS)[number];
  readonly eventDateTime: string;
}

export interface DcsaTransportEvent extends DcsaEventBase {
  readonly eventType: 'TRANSPORT';
  readonly transportEventTypeCode: (typeof DCSA_TRANSPORT_EVENT_CODES)[number];
  readonly transportCall: DcsaTransportCall;
  readonly documentReferences?: readonly DcsaDocumentReference[];
  readonly references?: readonly DcsaReference[];
}

export interface DcsaEquipmentEvent extends DcsaEventBase {
  readonly eventType: 'EQUIPMENT';
  readonly equipmentEventTypeCode: (typeof DCSA_EQUIPMENT_EVENT_CODES)[number];
  readonly emptyIndicatorCode: 'EMPTY' | 'LADEN';
  readonly equipmentReference: string;
  readonly ISOEquipmentCode?: string;
  readonly eventLocation?: DcsaLocation;
  readonly transportCall?: DcsaTransportCall;
  readonly documentReferences?: readonly DcsaDocumentReference[];
  readonly references?: readonly DcsaReference[];
}

export interface DcsaShipmentEvent extends DcsaEventBase {
  readonly eventType: 'SHIPMENT';
  readonly shipmentEventTypeCode: (typeof DCSA_SHIPMENT_EVENT_CODES)[number];
  readonly documentTypeCode: (typeof DCSA_DOCUMENT_TYPE_CODES)[number];
  readonly documentID: string;
  readonly reason?: string;
  readonly references?: readonly DcsaReference[];
}

export type DcsaEvent = DcsaTransportEvent | DcsaEquipmentEvent | DcsaShipmentEvent;
