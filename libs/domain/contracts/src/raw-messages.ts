/**
 * Raw messages as source systems send them, one topic per kind. Any Kafka client can produce them
 * (JSON, UTF-8); the JSON schemas in `libs/domain/contracts/schemas/` describe the same shapes for partners.
 * Wire format: frozen. Add optional fields only; anything else is a new topic version.
 */
import type {
  Classifier,
  Conveyance,
  Corridor,
  DocumentRef,
  DocumentType,
  Place,
  SourceSystem,
} from './tracking-event';

interface RawEnvelope {
  /** The sender's unique id for this message; a resend carries the same id. */
  readonly messageId: string;
  readonly source: SourceSystem;
  /** When the sender produced this version, ISO 8601 with offset. */
  readonly sentAt: string;
  /** Withdraws the sender's earlier message with this id (its other fields then repeat that message's subject). */
  readonly retractsMessageId?: string;
}

/** TRANSFERRED: since schema version 2 (raw-in-transit.v2); every v1 message is a valid v2 message. */
export const IN_TRANSIT_STATUSES = ['DEPARTED', 'ARRIVED', 'PASSED', 'TRANSFERRED'] as const;

/** The rail gauges a train may run on: standard (1435 mm) or broad (1520 mm). */
export const GAUGES = ['1435', '1520'] as const;
export type Gauge = (typeof GAUGES)[number];

/** A position report: a train, vessel or barge (all containers on it) or a single container. */
export interface RawInTransit extends RawEnvelope {
  readonly kind: 'IN_TRANSIT';
  /**
   * DEPARTED / ARRIVED at a place, PASSED a border crossing or station, or TRANSFERRED at a gauge-change
   * station from `conveyance` to `toConveyance` (every container on the train, or the one named).
   */
  readonly status: (typeof IN_TRANSIT_STATUSES)[number];
  readonly classifier: Classifier;
  readonly eventTime: string;
  readonly location: Place;
  /** Per-conveyance report: applies to every container on it. */
  readonly conveyance?: Conveyance;
  /** Per-container report. At least one of `conveyance` and `containerNo` is given. */
  readonly containerNo?: string;
  /** The source's estimate of the arrival at the next or final place. */
  readonly estimatedArrival?: { readonly location: Place; readonly time: string };
  /** TRANSFERRED only (required): the train the containers continue on. */
  readonly toConveyance?: Conveyance;
  /** TRANSFERRED only (optional): the gauge `toConveyance` runs on, in millimetres. */
  readonly gauge?: Gauge;
}

export const MANIFEST_STATUSES = ['FILED', 'ACCEPTED', 'AMENDED', 'RELEASED', 'HELD'] as const;

export interface RawManifestLine {
  readonly containerNo: string;
  readonly documents: readonly DocumentRef[];
  readonly isoSizeType?: string;
  readonly emptyIndicator?: 'EMPTY' | 'LADEN';
  readonly seals?: readonly string[];
}

/** 舱单: the containers on one conveyance and voyage, filed with customs. */
export interface RawManifest extends RawEnvelope {
  readonly kind: 'MANIFEST';
  readonly manifestNo: string;
  readonly status: (typeof MANIFEST_STATUSES)[number];
  readonly eventTime: string;
  readonly conveyance: Conveyance;
  readonly placeOfLoading: Place;
  readonly placeOfDischarge: Place;
  readonly carrier: RawParty;
  readonly containers: readonly RawManifestLine[];
}

export interface RawParty {
  readonly orgId: string;
  readonly name: string;
}

export const WAYBILL_STATUSES = ['ISSUED', 'AMENDED', 'CANCELLED'] as const;

/** 运单: a CIM/SMGS rail consignment note, a sea waybill or a bill of lading. */
export interface RawWaybill extends RawEnvelope {
  readonly kind: 'WAYBILL';
  readonly documentType: Exclude<DocumentType, 'MANIFEST'>;
  readonly documentNo: string;
  readonly status: (typeof WAYBILL_STATUSES)[number];
  readonly eventTime: string;
  readonly shipper: RawParty;
  readonly consignee: RawParty;
  readonly forwarder?: RawParty;
  readonly origin: Place;
  readonly destination: Place;
  readonly corridor?: Corridor;
  readonly cargoDescription: string;
  readonly coldChain: boolean;
  readonly plannedDeparture?: string;
  readonly plannedArrival?: string;
  readonly containers: readonly { readonly containerNo: string; readonly isoSizeType?: string }[];
}

export const LOADING_OPERATIONS = [
  'LOAD',
  'DISCHARGE',
  'GATE_IN',
  'GATE_OUT',
  'TRANSFER',
  'STUFFING',
  'STRIPPING',
  'CUSTOMS_SELECTED',
  'CUSTOMS_INSPECTED',
  'CUSTOMS_RELEASED',
  'INSPECTION',
  'CUSTOMS_DECLARED',
] as const;
export type LoadingOperation = (typeof LOADING_OPERATIONS)[number];

/**
 * 装卸: one handling operation on one container at a place (a gauge-change TRANSFER names the new train).
 * CUSTOMS_DECLARED (since schema version 2, raw-loading.v2): the customs declaration for the container was lodged,
 * by `customsBroker`, under `declarationNo`.
 */
export interface RawLoading extends RawEnvelope {
  readonly kind: 'LOADING';
  readonly containerNo: string;
  readonly operation: LoadingOperation;
  readonly classifier?: Classifier;
  readonly eventTime: string;
  readonly location: Place;
  readonly conveyance?: Conveyance;
  readonly documents?: readonly DocumentRef[];
  readonly emptyIndicator?: 'EMPTY' | 'LADEN';
  readonly isoSizeType?: string;
  readonly seals?: readonly string[];
  /** CUSTOMS_DECLARED only (required there): the customs broker that lodged the declaration. */
  readonly customsBroker?: RawParty;
  /** CUSTOMS_DECLARED only (optional): the customs declaration's number. */
  readonly declarationNo?: string;
}

/** One call of a schedule: a station, border crossing or port call, with its planned times. */
export interface RawTransportCall {
  readonly location: Place;
  /** At least one of the three. Arrival before departure where both are given. */
  readonly plannedArrival?: string;
  readonly plannedDeparture?: string;
  /** A border crossing or station passed without stopping. */
  readonly plannedPassing?: string;
}

/**
 * 时刻表 / port-call schedule: the planned calls of one train (its timetable for that service date), vessel or
 * barge voyage (after DCSA's Operational Vessel Schedules: transport calls with planned arrival and departure).
 * A later version (later sentAt) for the same conveyance replaces an earlier one, call by call (by place).
 */
export interface RawSchedule extends RawEnvelope {
  readonly kind: 'SCHEDULE';
  /** When this version was published. */
  readonly eventTime: string;
  readonly conveyance: Exclude<Conveyance, { readonly mode: 'TRUCK' }>;
  /** The published service, e.g. a train service or DCSA's carrierServiceCode. */
  readonly serviceCode?: string;
  /** The calls in the order the conveyance makes them: at least two. */
  readonly transportCalls: readonly RawTransportCall[];
}

export type RawMessage = RawInTransit | RawManifest | RawWaybill | RawLoading | RawSchedule;
