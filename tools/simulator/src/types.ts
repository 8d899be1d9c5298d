import type { Corridor, EdifactTopic, RawMessage, RawTopic } from '@mmt/contracts';

export interface SimulationOptions {
  /** Container journeys in all, spread over the three corridors. */
  readonly journeys: number;
  readonly seed: number;
  /** ISO time of the first departure. */
  readonly start: string;
  /** 0..1: share of the messages displaced to a random earlier or later position. */
  readonly shuffle: number;
  /** 0..1: share of the distinct valid messages sent a second time (same messageId, same bytes). */
  readonly duplicates: number;
  /** 0..1: share of manifests (all their versions) sent after every movement of their conveyance. */
  readonly lateManifests: number;
  /** Train / vessel / barge in-transit reports (one per conveyance) instead of one per container. */
  readonly conveyanceReports: boolean;
  /** 0..1: extra invalid messages, as a share of the distinct valid messages. */
  readonly invalid: number;
  /**
   * 0..1: share of the timetables and port-call schedules revised once before the conveyance leaves (a second
   * version with another planned arrival). Default 0.
   */
  readonly scheduleChanges?: number;
}

export const INVALID_REASONS = [
  'check-digit',
  'unknown-locode',
  'not-json',
  'missing-field',
  'no-offset',
  'wrong-kind',
] as const;
export type InvalidReason = (typeof INVALID_REASONS)[number];

/** A message of the feed as it is sent: a simulated one, or one rendered as a UN/EDIFACT interchange (asEdifact). */
export interface FeedMessage extends Omit<SimulatedMessage, 'topic'> {
  readonly topic: RawTopic | EdifactTopic;
}

export interface SimulatedMessage {
  readonly topic: RawTopic;
  readonly key: string;
  readonly value: Buffer;
  readonly valid: boolean;
  /** For invalid ones: the single defect it was given. */
  readonly invalidReason?: InvalidReason;
}

/**
 * One leg of a container's trip as it happened (ISO, UTC): the conveyance's schedule (its final version), the
 * estimate of its arrival sent last, and its actual departure and arrival.
 */
export interface LegTruth {
  readonly conveyanceKey: string;
  readonly from: string;
  readonly to: string;
  readonly plannedDepartureAt: string;
  readonly plannedArrivalAt?: string;
  readonly estimatedArrivalAt?: string;
  readonly departedAt: string;
  /** Absent for a conveyance whose arrival the platform does not see. */
  readonly arrivedAt?: string;
}

/** One container's trip under its transport document, as the simulator made it happen. */
export interface TripTruth {
  readonly containerNo: string;
  readonly corridor: Corridor;
  /** The transport document's origin and destination (UN/LOCODEs). */
  readonly origin: string;
  readonly destination: string;
  /** Its legs in the order travelled. */
  readonly legs: LegTruth[];
}

/** What the simulator made happen, and what it made go wrong on purpose, for tests to expect the platform's answers from. */
export interface GroundTruth {
  /** Every container's trip. */
  readonly trips: TripTruth[];
  /** Land-Sea Corridor containers manifested on a vessel at Qinzhou and rolled over to the next one. */
  readonly missedConnections: { containerNo: string; plannedConveyanceKey: string; conveyanceKey: string }[];
  /** Containers loaded on a train or barge whose manifest leaves them out. */
  readonly undeclaredLoads: { containerNo: string; conveyanceKey: string }[];
}

export interface Simulation {
  /** In send order, disorder applied. */
  readonly messages: SimulatedMessage[];
  /** Each distinct valid message once, in the order the sources produced them: the ground truth. */
  readonly validMessages: RawMessage[];
  /** Every container number, one journey each. */
  readonly containers: string[];
  readonly journeysByCorridor: Record<Corridor, number>;
  readonly truth: GroundTruth;
}
