/**
 * A journey: one container's door-to-door trip under its transport documents, folded from its events.
 * Stored in `journeys` (`_id` = journeyId) and published on `journey.updates.v1`.
 * Wire format: frozen. Add optional fields only; anything else is a new topic version.
 */
import type {
  Classifier,
  Conveyance,
  Corridor,
  DocumentRef,
  DocumentStatus,
  Party,
  Place,
  SourceSystem,
  TransportMode,
} from './tracking-event';

export const JOURNEY_STATUSES = [
  'PLANNED',
  'AT_ORIGIN',
  'IN_TRANSIT',
  'AT_HUB',
  'ARRIVED',
  'COMPLETED',
  'CANCELLED',
] as const;
export type JourneyStatus = (typeof JOURNEY_STATUSES)[number];

export const CUSTOMS_STATES = ['NONE', 'SELECTED', 'INSPECTED', 'RELEASED'] as const;
export type CustomsState = (typeof CUSTOMS_STATES)[number];

export interface Milestone {
  /** What happened, e.g. `DEPA`, `ARRI`, `LOAD`, `CROS`, `CUSR`, `MANIFEST_FILED`. */
  readonly code: string;
  readonly classifier: Classifier;
  readonly at: string;
  readonly place?: Place;
  readonly conveyance?: Conveyance;
  readonly eventId: string;
  readonly sourceSystem: SourceSystem;
  /** CUSD (customs declaration lodged) only: the customs broker that lodged it. */
  readonly customsBroker?: { readonly orgId: string; readonly name: string };
}

export interface Leg {
  readonly mode: TransportMode;
  readonly conveyance: Conveyance;
  readonly from?: Place;
  readonly to?: Place;
  readonly plannedDeparture?: string;
  readonly estimatedDeparture?: string;
  readonly actualDeparture?: string;
  readonly plannedArrival?: string;
  readonly estimatedArrival?: string;
  readonly actualArrival?: string;
  /** Minutes of the actual (else estimated) departure behind the planned one; negative when early. */
  readonly departureDelayMinutes?: number;
  /** Minutes of the actual (else estimated) arrival behind the planned one; negative when early. */
  readonly arrivalDelayMinutes?: number;
}

export interface Dwell {
  readonly place: Place;
  readonly arrivedAt: string;
  readonly departedAt?: string;
  /** Whole minutes between arrival and departure; absent while the container is still there. */
  readonly minutes?: number;
}

export interface Journey {
  /** `<containerNo>/<document type>:<document ref>` of the journey's main transport document. */
  readonly journeyId: string;
  readonly containerNo: string;
  readonly corridor?: Corridor;
  readonly origin?: Place;
  /**
   * Where the journey ends: the main document's destination, or, where the container is carried on from there
   * under the same shipment (on-carriage, a transshipment), where its last leg goes.
   */
  readonly destination?: Place;
  readonly documents: readonly DocumentRef[];
  readonly documentStatuses: readonly { readonly document: DocumentRef; readonly status: DocumentStatus }[];
  readonly parties: readonly Party[];
  /** Every party's orgId, for access control. */
  readonly orgIds: readonly string[];
  readonly status: JourneyStatus;
  readonly currentPlace?: Place;
  readonly legs: readonly Leg[];
  readonly milestones: readonly Milestone[];
  /** The waybill's (or bill of lading's) planned arrival at the destination: what was promised. */
  readonly plannedArrival?: string;
  /**
   * The planned arrival at the destination by the schedule of the conveyance that takes the container there (the
   * last leg's planned arrival, from a timetable or port-call schedule): what the operators plan now.
   */
  readonly scheduledArrival?: string;
  /** The estimated arrival at the destination, while the journey has not arrived: only ever an estimate. */
  readonly eta?: string;
  /** ARRIVED and COMPLETED journeys only: the first actual arrival at the destination. */
  readonly arrivedAt?: string;
  /** Minutes of the actual arrival (or else the ETA) behind the plan named by delayAgainst; negative when early. */
  readonly delayMinutes?: number;
  /** The plan delayMinutes is measured against: the schedule's arrival where there is one, else the waybill's. */
  readonly delayAgainst?: 'SCHEDULE' | 'WAYBILL';
  readonly dwell: readonly Dwell[];
  readonly customs: CustomsState;
  readonly holds: readonly string[];
  readonly coldChain: boolean;
  readonly isoSizeType?: string;
  /** The first and last eventDateTime of the journey's events. */
  readonly startedAt?: string;
  readonly lastEventAt?: string;
  /** The latest eventDateTime of the journey's actual events (not plans or estimates): when it was last heard of. */
  readonly lastActualEventAt?: string;
  /** The ids of the events folded in, sorted; equal sets give equal journeys. */
  readonly eventIds: readonly string[];
  /** A digest of `eventIds`: changes whenever the journey's event set does. */
  readonly version: string;
}
