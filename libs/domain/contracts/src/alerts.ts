/**
 * The port office's published operation time limits, the alerts raised on journeys and the inspection notices
 * pushed to a journey's parties. Alerts travel on `tracking.alerts.v1`, notices on `tracking.notices.v1`, both
 * keyed by container number. Wire format: frozen. Add optional fields only; anything else is a new topic version.
 */
import type { Corridor, Place } from './tracking-event';

/**
 * The operations whose time a port publishes, each measured on a container's actual events at one port:
 * - IN_YARD_TRANSFER: discharge (DISC) to gate-in (GTIN) at the terminal;
 * - BOX_SHIFTING: a train's arrival (ARRI) at a gauge-change station to the container's transfer (TRANSFER);
 * - DEVANNING: gate-in (GTIN) to stripping (STRP);
 * - CONSIGNEE_PICKUP: discharge (DISC) at the journey's destination to gate-out (GTOT) there;
 * - RELEASE_AFTER_INSPECTION: customs inspection (CUSI) to release (CUSR);
 * - RAIL_TO_VESSEL: discharge from a train (DISC, rail) to loading onto a vessel (LOAD, vessel), e.g. at Qinzhou.
 */
export const TIME_LIMIT_OPERATIONS = [
  'IN_YARD_TRANSFER',
  'BOX_SHIFTING',
  'DEVANNING',
  'CONSIGNEE_PICKUP',
  'RELEASE_AFTER_INSPECTION',
  'RAIL_TO_VESSEL',
] as const;
export type TimeLimitOperation = (typeof TIME_LIMIT_OPERATIONS)[number];

/** Any port without a limit of its own for the operation. */
export const ANY_PORT = '*';

export interface TimeLimit {
  /** A UN/LOCODE, or ANY_PORT. */
  readonly port: string;
  readonly operation: TimeLimitOperation;
  readonly minutes: number;
  /** The shorter limit for cold-chain and fresh cargo. */
  readonly coldChainMinutes: number;
}

/** One published version of the table; a new version replaces the whole table. */
export interface TimeLimitTable {
  readonly version: number;
  readonly publishedAt: string;
  /** The API key name (or `platform` for the built-in first version) that published it. */
  readonly publishedBy: string;
  readonly note?: string;
  readonly limits: readonly TimeLimit[];
}

/**
 * - TIME_LIMIT_BREACH: an operation took longer than its published limit (the cold-chain limit for cold cargo);
 * - MISSED_CONNECTION: a Land-Sea Corridor container manifested on a vessel at the port was loaded on another;
 * - DECLARED_NOT_LOADED: manifested on a vessel or barge, loaded on another of the same mode instead;
 * - LOADED_NOT_DECLARED: loaded on a conveyance whose manifest does not list it;
 * - COLD_CHAIN_WAITING: cold-chain or fresh cargo still waiting, past its cold-chain limit, for an operation to end
 *   (raised by the clock, not by an event; cleared when the operation ends or the container moves on).
 */
export const ALERT_KINDS = [
  'TIME_LIMIT_BREACH',
  'MISSED_CONNECTION',
  'DECLARED_NOT_LOADED',
  'LOADED_NOT_DECLARED',
  'COLD_CHAIN_WAITING',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** OPEN when raised; ACKNOWLEDGED by a person; RESOLVED by a person, or CLEARED when later data undid it. */
export const ALERT_STATES = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'CLEARED'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

export interface Alert {
  /** Stable: the same condition on the same journey always has the same id, so a replay raises nothing new. */
  readonly alertId: string;
  readonly kind: AlertKind;
  readonly state: AlertState;
  readonly journeyId: string;
  readonly containerNo: string;
  readonly corridor?: Corridor;
  readonly coldChain: boolean;
  /** The journey's parties: who may see the alert besides the port office. */
  readonly orgIds: readonly string[];
  readonly place?: Place;
  /** When the condition arose (event time): the end of the breaching operation, the load that mismatched. */
  readonly at: string;
  /** One sentence a person can act on. */
  readonly message: string;
  readonly operation?: TimeLimitOperation;
  readonly minutes?: number;
  readonly limitMinutes?: number;
  readonly limitsVersion?: number;
  /** The conveyance the alert is about, by conveyanceKey (the one loaded onto, for mismatches). */
  readonly conveyanceKey?: string;
  /** MISSED_CONNECTION and DECLARED_NOT_LOADED: the conveyance the manifest planned. */
  readonly plannedConveyanceKey?: string;
  readonly raisedAt: string;
  readonly acknowledgedAt?: string;
  readonly acknowledgedBy?: string;
  readonly resolvedAt?: string;
  readonly resolvedBy?: string;
  readonly resolutionNote?: string;
}

/** What happened to an alert: the payload of `tracking.alerts.v1`. */
export interface AlertChange {
  readonly change: 'RAISED' | 'ACKNOWLEDGED' | 'RESOLVED' | 'CLEARED';
  readonly alert: Alert;
  readonly changedAt: string;
}

export const NOTICE_KINDS = ['SELECTED_FOR_INSPECTION', 'INSPECTED'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/**
 * An inspection notice (customs selected or inspected a container), for every party of the journey. A notice
 * follows its journey: when a late waybill re-keys the journey or adds parties, the notice keeps its id and
 * `issuedAt`, and is sent again with `addedOrgIds`, for the parties that did not have it yet.
 */
export interface Notice {
  /** The id of the customs event (`eventId`): one notice per event, whatever journey the event belongs to. */
  readonly noticeId: string;
  readonly kind: NoticeKind;
  readonly journeyId: string;
  readonly containerNo: string;
  readonly coldChain: boolean;
  readonly orgIds: readonly string[];
  readonly place: Place;
  /** When customs selected or inspected the container. */
  readonly at: string;
  readonly eventId: string;
  readonly message: string;
  readonly issuedAt: string;
  /** Only on a notice sent again: the parties new to it, the only ones it is meant for (never stored). */
  readonly addedOrgIds?: readonly string[];
}
