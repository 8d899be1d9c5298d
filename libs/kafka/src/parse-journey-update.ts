import type { Journey, JourneyUpdate, TrackingEvent } from '@mmt/contracts';
import type { Checked } from './dead-letter';

/** What the services fed by journey updates (statistics, alerts) read of one. */
export interface JourneyChange {
  readonly journey: Journey;
  /** Every journey of the container after the change; a journey left out of it is gone. */
  readonly containerJourneyIds?: readonly string[];
  /** The events the change added (or, when they were too large to carry, their ids in `omittedEventIds`). */
  readonly events?: readonly TrackingEvent[];
  readonly omittedEventIds?: readonly string[];
  readonly publishedAt?: string;
}

const isStringArray = (value: unknown) => Array.isArray(value) && value.every((item) => typeof item === 'string');

const isEventLike = (value: unknown) =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as TrackingEvent).eventId === 'string' &&
  typeof (value as TrackingEvent).eventType === 'string' &&
  typeof (value as TrackingEvent).containerNo === 'string';

/** A journey update as the statistics and alerts read it, or why it cannot be one. */
export function parseJourneyUpdate(value: Buffer | null): Checked<JourneyChange> {
  let parsed: Partial<JourneyUpdate>;
  try {
    parsed = JSON.parse(value?.toString('utf8') ?? 'null') as Partial<JourneyUpdate>;
  } catch (error) {
    return { ok: false, error: `not JSON: ${(error as Error).message}` };
  }
  const journey = parsed?.journey as unknown as Record<string, unknown> | undefined;
  if (typeof journey !== 'object' || journey === null) {
    return { ok: false, error: 'journey: missing' };
  }
  for (const field of ['journeyId', 'containerNo', 'version']) {
    if (typeof journey[field] !== 'string') {
      return { ok: false, error: `journey.${field}: not a string` };
    }
  }
  for (const field of ['legs', 'dwell', 'milestones']) {
    if (!Array.isArray(journey[field])) {
      return { ok: false, error: `journey.${field}: not an array` };
    }
  }
  if (parsed.containerJourneyIds !== undefined && !isStringArray(parsed.containerJourneyIds)) {
    return { ok: false, error: 'containerJourneyIds: not a list of journey ids' };
  }
  if (parsed.events !== undefined && !(Array.isArray(parsed.events) && parsed.events.every(isEventLike))) {
    return { ok: false, error: 'events: not a list of tracking events' };
  }
  if (parsed.omittedEventIds !== undefined && !isStringArray(parsed.omittedEventIds)) {
    return { ok: false, error: 'omittedEventIds: not a list of event ids' };
  }
  return {
    ok: true,
    value: {
      journey: parsed.journey!,
      ...(parsed.containerJourneyIds === undefined ? {} : { containerJourneyIds: parsed.containerJourneyIds }),
      ...(parsed.events === undefined ? {} : { events: parsed.events }),
      ...(parsed.omittedEventIds === undefined ? {} : { omittedEventIds: parsed.omittedEventIds }),
      ...(typeof parsed.publishedAt === 'string' ? { publishedAt: parsed.publishedAt } : {}),
    },
  };
}

/**
 * A batch of journey changes as the services apply them: the latest version of each journey, and each container's
 * list of journeys where an update gave one (a journey of the container not on it is gone).
 */
export function latestOfBatch(changes: readonly JourneyChange[]): {
  latest: Map<string, Journey>;
  listed: Map<string, Set<string>>;
} {
  const latest = new Map<string, Journey>();
  const listed = new Map<string, Set<string>>();
  for (const { journey, containerJourneyIds } of changes) {
    latest.set(journey.journeyId, journey);
    if (containerJourneyIds !== undefined) {
      listed.set(journey.containerNo, new Set(containerJourneyIds));
    }
  }
  return { latest, listed };
}
