import { type TrackingEvent } from '@mmt/contracts';
import { containerNoProblem } from '@mmt/contracts';
import type { Checked } from '@mmt/kafka';

const EVENT_TYPES = new Set(['TRANSPORT', 'EQUIPMENT', 'SHIPMENT', 'RETRACTION']);

/**
 * The projector's check of a canonical event: the normalizer wrote it, but the topic is open to other
 * producers, so an event without the fields the fold keys on is refused rather than folded.
 */
export function parseTrackingEvent(bytes: Buffer | null): Checked<TrackingEvent> {
  let value: unknown;
  try {
    value = JSON.parse((bytes ?? Buffer.alloc(0)).toString('utf8'));
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  if (typeof value !== 'object' || value === null) {
    return { ok: false, error: 'not a JSON object' };
  }
  const candidate = value as Record<string, unknown>;
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
  return { ok: true, value: value as TrackingEvent };
}
