export { parseRawMessage, RAW_KIND_BY_TOPIC, type ParseResult } from './parse-raw-message';
export {
  toTrackingEvents,
  transferredOnto,
  EQUIPMENT_CODE_OF_OPERATION,
  type ConveyanceMembership,
  type NormalizedOutput,
} from './to-tracking-events';
export { eventsForConveyanceMember } from './map-in-transit';
export type { NormalizeContext } from './event-base';
export { eventId, retractionEventId, eventPartsOf, type EventPart } from './event-id';
export { dateTimeProblem, dateProblem, epochMillis } from './date-time';
export * from './limits';
export { receiptProblems } from './receipt-bounds';
