/** Limits the normalizer enforces on raw input. Partners see the same numbers in the JSON schemas. */

/** A raw message larger than this (1 MiB) is rejected before it is parsed. */
export const MAX_RAW_MESSAGE_BYTES = 1024 * 1024;

/** At most this many containers in one manifest or waybill. */
export const MAX_CONTAINERS_PER_DOCUMENT = 500;

/** At most this many document references on one manifest line or loading report. */
export const MAX_DOCUMENT_REFS = 20;

/** At most this many seal numbers on one container. */
export const MAX_SEALS = 20;

/** Maximum string lengths, by what the string is. */
export const MAX_LENGTH = {
  /** messageId, retractsMessageId */
  messageId: 128,
  /** document numbers, manifest numbers, organisation ids, train numbers, voyages, plates, seals */
  code: 64,
  /** organisation, vessel and barge names */
  name: 200,
  cargoDescription: 2000,
} as const;

/** No event happens before this instant. */
export const EARLIEST_EVENT_TIME = '2000-01-01T00:00:00Z';

/** An event time (actual, estimated or planned) at most this many days after the message's sentAt. */
export const MAX_DAYS_AFTER_SENT_AT = 400;

/**
 * How far ahead of its receipt (the broker's append time) a message's sentAt, and the time of an actual event,
 * may be: the tolerance for a source's clock running fast. A message beyond it is dead-lettered: a report from
 * the future would replace a real actual milestone, and a sentAt far ahead would outrank every correction.
 */
export const MAX_MINUTES_AHEAD_OF_RECEIPT = 15;
