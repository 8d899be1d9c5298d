import { containerNoProblem } from '../container-number';
import type { TrackingEvent } from '../tracking-event';
import { jsonObject, type Checked } from './checked';

const EVENT_TYPES = new Set(['TRANSPORT', 'EQUIPMENT', 'SHIPMENT', 'RETRACTION']);

/**
 * The one reader of `tracking.events.v1`. The normalizer writes it, but the topic is open to other producers, so
 * an event without the fields the fold keys on is refused rather than folded.
 */
export function parseTrackingEvent(bytes: Buffer | null): Checked<TrackingEvent> {
  const object = jsonObject(bytes);
  if (!object.ok) {
    return object;
  }
  const candidate = object.value;
  if (typeof candidate.eventId !== 'string' || candidate.eventId.length === 0) {
    return { ok: false, error: 'eventId: required string' };
  }
  if (typeof candidate.eventType !== 'string' || !EVENT_TYPES.has(candidate.eventType)) {
    return {
      ok: false,
      error: `eventType: "${String(candidate.eventType)}" is not one of ${[...EVENT_TYPES].join(', ')}`,
    };
  }
  if (typeof candidate.containerNo !== 'string') {
    return { ok: false, error: 'containerNo: required string' };
  }
  const problem = containerNoProblem(candidate.containerNo);
  if (problem !== undefined) {
    return { ok: false, error: `containerNo: ${problem}` };
  }
  if (typeof candidate.eventDateTime !== 'string' || Number.isNaN(Date.parse(candidate.eventDateTime))) {
    return { ok: false, error: 'eventDateTime: required ISO 8601 date-time' };
  }
  return { ok: true, value: candidate as unknown as TrackingEvent };
}
