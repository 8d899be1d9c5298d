import type { TrackingEvent } from '../tracking-event';
import type { JourneyUpdate } from '../topics';
import { isStringArray, jsonObject, type Checked } from './checked';

const isEventLike = (value: unknown) =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as TrackingEvent).eventId === 'string' &&
  typeof (value as TrackingEvent).eventType === 'string' &&
  typeof (value as TrackingEvent).containerNo === 'string';

/** Why the update's journey cannot be read, checking only what every reader relies on (the fold made the rest). */
function journeyProblem(journey: unknown): string | undefined {
  if (typeof journey !== 'object' || journey === null) {
    return 'journey: missing';
  }
  const fields = journey as Record<string, unknown>;
  const notString = ['journeyId', 'containerNo', 'version'].find((field) => typeof fields[field] !== 'string');
  if (notString !== undefined) {
    return `journey.${notString}: not a string`;
  }
  const notArray = ['legs', 'dwell', 'milestones'].find((field) => !Array.isArray(fields[field]));
  return notArray === undefined ? undefined : `journey.${notArray}: not an array`;
}

function updateProblem(update: Record<string, unknown>): string | undefined {
  const journey = journeyProblem(update.journey);
  if (journey !== undefined) {
    return journey;
  }
  if (!isStringArray(update.causedBy)) {
    return 'causedBy: not a list of event ids';
  }
  if (typeof update.publishedAt !== 'string') {
    return 'publishedAt: not a string';
  }
  if (update.containerJourneyIds !== undefined && !isStringArray(update.containerJourneyIds)) {
    return 'containerJourneyIds: not a list of journey ids';
  }
  if (update.events !== undefined && !(Array.isArray(update.events) && update.events.every(isEventLike))) {
    return 'events: not a list of tracking events';
  }
  if (update.omittedEventIds !== undefined && !isStringArray(update.omittedEventIds)) {
    return 'omittedEventIds: not a list of event ids';
  }
  return undefined;
}

/**
 * The one reader of `journey.updates.v1`, for every consumer of it (statistics, alerts, the partner feed, the
 * gateway's live feeds): the update with the contract's fields only, or why it cannot be one.
 */
export function parseJourneyUpdate(bytes: Buffer | null): Checked<JourneyUpdate> {
  const object = jsonObject(bytes);
  if (!object.ok) {
    return object;
  }
  const update = object.value;
  const problem = updateProblem(update);
  if (problem !== undefined) {
    return { ok: false, error: problem };
  }
  const { journey, causedBy, events, omittedEventIds, containerJourneyIds, publishedAt } =
    update as unknown as JourneyUpdate;
  return {
    ok: true,
    value: {
      journey,
      causedBy,
      ...(events === undefined ? {} : { events }),
      ...(omittedEventIds === undefined ? {} : { omittedEventIds }),
      ...(containerJourneyIds === undefined ? {} : { containerJourneyIds }),
      publishedAt,
    },
  };
}
