/**
 * The canonical tracking event, one per container, aligned with DCSA Track & Trace names.
 * Produced by the normalizer on `tracking.events.v1`, keyed by container number, and folded into journeys.
 * Wire format: frozen. Add optional fields only; anything else is a new topic version.
 */

export const SOURCE_SYSTEMS = ['COASTAL_PORT', 'CHINA_EUROPE_RAIL', 'LAND_SEA_CORRIDOR'] as const;
export type SourceSystem = (typeof SOURCE_SYSTEMS)[number];

export const RAW_KINDS = ['IN_TRANSIT', 'MANIFEST', 'WAYBILL', 'LOADING', 'SCHEDULE'] as const;
export type RawKind = (typeof RAW_KINDS)[number];

export const CLASSIFIERS = ['PLN', 'EST', 'ACT'] as const;
/** Planned < estimated < actual: for the same milestone the higher one wins. */
export type Classifier = (typeof CLASSIFIERS)[number];

export const TRANSPORT_MODES = ['RAIL', 'VESSEL', 'BARGE', 'TRUCK'] as const;
export type TransportMode = (typeof TRANSPORT_MODES)[number];

export const CORRIDORS = ['CHINA_EUROPE_RAIL', 'LAND_SEA_CORRIDOR', 'YANGTZE_RIVER_SEA'] as const;
export type Corridor = (typeof CORRIDORS)[number];

export const FACILITY_KINDS = ['RAIL_TERMINAL', 'BORDER_STATION', 'PORT_TERMINAL', 'DEPOT', 'CUSTOMS'] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];

/** A place: UN/LOCODE (5 characters) plus an optional facility code from the known catalogue. */
export interface Place {
  readonly locode: string;
  readonly facility?: string;
}

/** The vehicle a container rides on. `key` identifies it across sources: see conveyanceKey(). */
export type Conveyance =
  | { readonly mode: 'RAIL'; readonly trainNo: string; readonly departureDate: string }
  | { readonly mode: 'VESSEL'; readonly imo: string; readonly voyage: string }
  | { readonly mode: 'BARGE'; readonly name: string; readonly voyage: string }
  | { readonly mode: 'TRUCK'; readonly plate: string };

export const DOCUMENT_TYPES = ['WAYBILL', 'BILL_OF_LADING', 'MANIFEST', 'CIM_SMGS'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export interface DocumentRef {
  readonly type: DocumentType;
  readonly ref: string;
}

export const PARTY_ROLES = ['SHIPPER', 'CONSIGNEE', 'FORWARDER', 'CARRIER', 'NOTIFY'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

/** An organisation named on a document; `orgId` is what access control matches an API key against. */
export interface Party {
  readonly role: PartyRole;
  readonly orgId: string;
  readonly name: string;
}

export interface EventSource {
  readonly system: SourceSystem;
  readonly rawKind: RawKind;
  /** Where the raw input was: `topic/partition/offset`, or the source's own document id. */
  readonly rawRef: string;
}

interface EventBase {
  /** Stable: the same raw input always yields the same id, so replays and duplicates are no-ops. */
  readonly eventId: string;
  readonly classifier: Classifier;
  /** When it happened (or is planned / estimated to), ISO 8601 with offset. */
  readonly eventDateTime: string;
  /** When the source recorded this version; a later version of the same milestone replaces an earlier one. */
  readonly eventCreatedDateTime: string;
  /** When the platform received the raw message. Not used by the fold (it must not depend on arrival). */
  readonly receivedAt: string;
  readonly source: EventSource;
  readonly containerNo: string;
  /** Documents this event is reported under; used to put it on the right journey. */
  readonly documents: readonly DocumentRef[];
}

export const TRANSPORT_EVENT_CODES = ['ARRI', 'DEPA'] as const;
export type TransportEventCode = (typeof TRANSPORT_EVENT_CODES)[number];

export interface TransportEvent extends EventBase {
  readonly eventType: 'TRANSPORT';
  readonly transportEventTypeCode: TransportEventCode;
  readonly conveyance: Conveyance;
  readonly location: Place;
}

export const EQUIPMENT_EVENT_CODES = [
  'LOAD',
  'DISC',
  'GTIN',
  'GTOT',
  'STUF',
  'STRP',
  'CROS',
  'TRANSFER',
  'CUSS',
  'CUSI',
  'CUSR',
  'INSP',
  'CUSD',
] as const;
export type EquipmentEventCode = (typeof EQUIPMENT_EVENT_CODES)[number];

export interface EquipmentEvent extends EventBase {
  readonly eventType: 'EQUIPMENT';
  readonly equipmentEventTypeCode: EquipmentEventCode;
  readonly location: Place;
  /** The conveyance loaded onto / discharged from / transferred onto, where there is one. */
  readonly conveyance?: Conveyance;
  readonly emptyIndicator?: 'EMPTY' | 'LADEN';
  readonly isoSizeType?: string;
  readonly seals?: readonly string[];
  /** CUSD (customs declaration lodged) only: the customs broker that lodged it, and the declaration's number. */
  readonly customsBroker?: { readonly orgId: string; readonly name: string };
  readonly declarationNo?: string;
}

export const DOCUMENT_STATUSES = ['FILED', 'ACCEPTED', 'AMENDED', 'RELEASED', 'HELD', 'ISSUED', 'CANCELLED'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export interface ShipmentEvent extends EventBase {
  readonly eventType: 'SHIPMENT';
  readonly document: DocumentRef;
  readonly documentStatus: DocumentStatus;
  readonly parties: readonly Party[];
  readonly origin?: Place;
  readonly destination?: Place;
  /** The conveyance a manifest is filed for. */
  readonly conveyance?: Conveyance;
  readonly coldChain?: boolean;
  readonly cargoDescription?: string;
  readonly isoSizeType?: string;
  /** The waybill's plan, against which the journey's delay is measured. */
  readonly plannedDeparture?: string;
  readonly plannedArrival?: string;
  readonly corridor?: Corridor;
}

/** Withdraws an earlier event: the fold acts as if `retractsEventId` had never arrived. */
export interface RetractionEvent extends EventBase {
  readonly eventType: 'RETRACTION';
  readonly retractsEventId: string;
}

export type TrackingEvent = TransportEvent | EquipmentEvent | ShipmentEvent | RetractionEvent;
export type TrackingEventType = TrackingEvent['eventType'];

/** One string per conveyance, the same whichever source reports it, e.g. `RAIL:X8001:2026-03-01`. */
export function conveyanceKey(conveyance: Conveyance): string {
  switch (conveyance.mode) {
    case 'RAIL':
      return `RAIL:${conveyance.trainNo}:${conveyance.departureDate}`;
    case 'VESSEL':
      return `VESSEL:${conveyance.imo}:${conveyance.voyage}`;
    case 'BARGE':
      return `BARGE:${conveyance.name}:${conveyance.voyage}`;
    case 'TRUCK':
      return `TRUCK:${conveyance.plate}`;
  }
}

/** Events (or anything of one container) grouped by container number, each group in the order given. */
export function groupByContainer<T extends { readonly containerNo: string }>(items: Iterable<T>): Map<string, T[]> {
  const byContainer = new Map<string, T[]>();
  for (const item of items) {
    const group = byContainer.get(item.containerNo);
    if (group === undefined) {
      byContainer.set(item.containerNo, [item]);
    } else {
      group.push(item);
    }
  }
  return byContainer;
}

/**
 * One version of one event: its id and the instant its source sent that version (`eventCreatedDateTime`, the
 * raw message's `sentAt`). A resend with the same `sentAt` is the same version (a duplicate); the same message
 * id sent again with a later `sentAt` is a correction, a new version that supersedes the earlier ones. Keys of
 * one event sort by that instant.
 */
export function eventVersionKey(event: Pick<TrackingEvent, 'eventId' | 'eventCreatedDateTime'>): string {
  return `${event.eventId}@${String(Date.parse(event.eventCreatedDateTime)).padStart(15, '0')}`;
}
