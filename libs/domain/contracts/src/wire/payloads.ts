import type { EdifactTopic, RawTopic, TopicName, TopicPayloads } from '../topics';
import type { Checked } from './checked';
import { parseAlertChange, parseNotice } from './parse-alert-topics';
import { parseDeadLetter } from './parse-dead-letter';
import { parseEdiReply } from './parse-edi-reply';
import { parseJourneyUpdate } from './parse-journey-update';
import { parseTrackingEvent } from './parse-tracking-event';

/** A payload as it travels: JSON, UTF-8. The only way the platform writes a topic's payload. */
export function encodePayload<T extends TopicName>(_topic: T, payload: TopicPayloads[T]): Buffer {
  return Buffer.from(JSON.stringify(payload), 'utf8');
}

/**
 * The topics the platform writes itself. Raw topics carry untrusted input that only the normalizer reads, with
 * the full JSON-schema validation of `@mmt/normalize` (`parseRawMessage`): that is their one parser. The EDIFACT
 * topic carries interchanges, not JSON: its one reader is `readInterchange` of `@mmt/edifact`.
 */
export type PlatformTopic = Exclude<TopicName, RawTopic | EdifactTopic>;

export type PayloadParser<T extends PlatformTopic> = (bytes: Buffer | null) => Checked<TopicPayloads[T]>;

/**
 * Each platform topic's one parser, for code that reads a topic it is given; code that reads a known topic calls
 * its parser by name (`parseJourneyUpdate`). A topic missing here fails to compile.
 */
export const PAYLOAD_PARSERS: { readonly [T in PlatformTopic]: PayloadParser<T> } = {
  'tracking.events.v1': parseTrackingEvent,
  'journey.updates.v1': parseJourneyUpdate,
  'tracking.dead-letter.v1': parseDeadLetter,
  'edi.replies.v1': parseEdiReply,
  'tracking.alerts.v1': parseAlertChange,
  'tracking.notices.v1': parseNotice,
};
