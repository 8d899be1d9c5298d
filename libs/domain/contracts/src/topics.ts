/**
 * Every Kafka topic of the platform, tied to its payload type: a producer and a consumer of the same topic
 * cannot disagree at compile time. Topic names are wire names: frozen. A breaking change is a new `.vN`.
 */
import type { AlertChange, Notice } from './alerts';
import type { DeadLetter } from './dead-letter';
import type { EdiReply } from './edi-reply';
import type { Journey } from './journey';
import type { RawInTransit, RawLoading, RawManifest, RawSchedule, RawWaybill } from './raw-messages';
import type { TrackingEvent } from './tracking-event';

export const TOPICS = {
  rawInTransit: 'raw.in-transit.v1',
  rawManifest: 'raw.manifest.v1',
  rawWaybill: 'raw.waybill.v1',
  rawLoading: 'raw.loading.v1',
  rawSchedule: 'raw.schedule.v1',
  rawEdifact: 'raw.edifact.v1',
  ediReplies: 'edi.replies.v1',
  trackingEvents: 'tracking.events.v1',
  journeyUpdates: 'journey.updates.v1',
  deadLetter: 'tracking.dead-letter.v1',
  alerts: 'tracking.alerts.v1',
  notices: 'tracking.notices.v1',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

/** The payload each topic carries (JSON, UTF-8). Raw topics carry untrusted input: validate before use. */
export interface TopicPayloads {
  'raw.in-transit.v1': RawInTransit;
  'raw.manifest.v1': RawManifest;
  'raw.waybill.v1': RawWaybill;
  'raw.loading.v1': RawLoading;
  /** Keyed by conveyanceKey(). */
  'raw.schedule.v1': RawSchedule;
  /**
   * One UN/EDIFACT interchange (UNA/UNB…UNZ) as its sender wrote it, in the character set of its syntax level: not
   * JSON, and never written with encodePayload. Keyed by the sender's id or the interchange reference.
   */
  'raw.edifact.v1': EdifactInterchange;
  /** Keyed by the interchange's sender (or its key, when unreadable): the CONTRL (and APERAK) answering each one. */
  'edi.replies.v1': EdiReply;
  /** Keyed by container number. */
  'tracking.events.v1': TrackingEvent;
  /** Keyed by container number. */
  'journey.updates.v1': JourneyUpdate;
  /** Keyed like the original message. */
  'tracking.dead-letter.v1': DeadLetter;
  /** Keyed by container number; consumers apply each change by `alert.alertId` (delivery is at least once). */
  'tracking.alerts.v1': AlertChange;
  /** Keyed by container number; deduplicate by `noticeId`. */
  'tracking.notices.v1': Notice;
}

export interface JourneyUpdate {
  readonly journey: Journey;
  /** The events whose arrival produced this update. */
  readonly causedBy: readonly string[];
  /**
   * The events this update adds to the journey, each once (a resent or repeated event is not in any later
   * update): the source of the resumable tracking-event stream.
   */
  readonly events?: readonly TrackingEvent[];
  /**
   * Set instead of `events` when they would have taken the update over the broker's message limit (a large
   * backlog for one journey): the ids of the added events, to be read from the event log.
   */
  readonly omittedEventIds?: readonly string[];
  /**
   * Every journey of the container after this change, this one included: a journey the container had before
   * and that is not listed is gone (its events moved to another journey, or were withdrawn).
   */
  readonly containerJourneyIds?: readonly string[];
  readonly publishedAt: string;
}

/** The bytes of a UN/EDIFACT interchange (see `raw.edifact.v1`). */
export type EdifactInterchange = Buffer;

/** The topic of UN/EDIFACT interchanges: read by the edi service, which maps them onto the raw topics. */
export type EdifactTopic = typeof TOPICS.rawEdifact;

export const RAW_TOPICS = [
  TOPICS.rawInTransit,
  TOPICS.rawManifest,
  TOPICS.rawWaybill,
  TOPICS.rawLoading,
  TOPICS.rawSchedule,
] as const;
export type RawTopic = (typeof RAW_TOPICS)[number];

/** Partition counts: keyed topics spread over 6 partitions so consumer groups can scale to 6 processes. */
export const TOPIC_SPECS: readonly { name: TopicName; partitions: number; config?: Record<string, string> }[] = [
  // Raw topics take messages up to 8 MiB, so that input over the normalizer's 1 MiB limit reaches it and is
  // dead-lettered with a reason, instead of being refused by the broker with a bare "message too large".
  // The broker stamps each raw message with the time it appended it (LogAppendTime), whatever time the producer
  // set: that is when the platform received it, which bounds the times a message may claim.
  ...RAW_TOPICS.map((name) => ({
    name,
    partitions: 6,
    config: { 'max.message.bytes': String(8 * 1024 * 1024), 'message.timestamp.type': 'LogAppendTime' },
  })),
  // An interchange may be larger than a raw message; one over the edi service's limit is rejected with a CONTRL.
  {
    name: TOPICS.rawEdifact,
    partitions: 6,
    config: { 'max.message.bytes': String(8 * 1024 * 1024), 'message.timestamp.type': 'LogAppendTime' },
  },
  { name: TOPICS.ediReplies, partitions: 6 },
  { name: TOPICS.trackingEvents, partitions: 6 },
  { name: TOPICS.journeyUpdates, partitions: 6 },
  { name: TOPICS.deadLetter, partitions: 1, config: { 'retention.ms': '-1' } },
  { name: TOPICS.alerts, partitions: 6 },
  { name: TOPICS.notices, partitions: 6 },
];
