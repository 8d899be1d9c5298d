import type { RetractionEvent, TrackingEvent } from '@mmt/contracts';
import type { LiveEvent } from './live-event';
import { compareText, compareTimes } from './time';

/**
 * The events that count, whatever order they came in: one version per eventId, minus every event
 * withdrawn by a retraction that itself counts. Retractions are not returned. Sorted by eventId.
 */
export function effectiveEvents(events: Iterable<TrackingEvent>): LiveEvent[] {
  const unique = [...latestVersions(events).values()].sort((a, b) => compareText(a.eventId, b.eventId));
  const withdrawn = withdrawnIdsOf(unique);
  return unique.filter(
    (event): event is LiveEvent => event.eventType !== 'RETRACTION' && !withdrawn.has(event.eventId),
  );
}

/** The ids of the events (retractions included) that a retraction which itself counts withdraws. */
export function withdrawnEventIds(events: Iterable<TrackingEvent>): Set<string> {
  return withdrawnIdsOf([...latestVersions(events).values()].sort((a, b) => compareText(a.eventId, b.eventId)));
}

/** `unique`: one version per id, sorted by id, so that a retraction cycle is always cut at the same place. */
function withdrawnIdsOf(unique: readonly TrackingEvent[]): Set<string> {
  const retractionsByTarget = new Map<string, RetractionEvent[]>();
  for (const event of unique) {
    if (event.eventType === 'RETRACTION') {
      const retractions = retractionsByTarget.get(event.retractsEventId) ?? [];
      retractions.push(event);
      retractionsByTarget.set(event.retractsEventId, retractions);
    }
  }
  const liveness = new Map<string, boolean>();
  const isLive = (eventId: string): boolean => {
    const known = liveness.get(eventId);
    if (known !== undefined) {
      return known;
    }
    liveness.set(eventId, true); // a retraction cycle is cut here, deterministically since ids are visited in order
    const live = !(retractionsByTarget.get(eventId) ?? []).some((retraction) => isLive(retraction.eventId));
    liveness.set(eventId, live);
    return live;
  };
  // Events first, then retractions, each in id order: where a cycle is cut must not depend on what is asked.
  const order = [
    ...unique.filter((event) => event.eventType !== 'RETRACTION'),
    ...unique.filter((event) => event.eventType === 'RETRACTION'),
  ];
  return new Set(order.filter((event) => !isLive(event.eventId)).map((event) => event.eventId));
}

/**
 * One version per eventId: duplicates collapse; of two versions of one id, the later eventCreatedDateTime (the
 * source's sentAt: a correction) wins, then the larger canonical JSON, so the choice never depends on arrival.
 */
export function latestVersions(events: Iterable<TrackingEvent>): Map<string, TrackingEvent> {
  const chosen = new Map<string, TrackingEvent>();
  for (const event of events) {
    const current = chosen.get(event.eventId);
    if (current === undefined || compareVersionsOfOneId(event, current) > 0) {
      chosen.set(event.eventId, event);
    }
  }
  return chosen;
}

function compareVersionsOfOneId(a: TrackingEvent, b: TrackingEvent): number {
  if (a === b) {
    return 0;
  }
  return (
    compareTimes(a.eventCreatedDateTime, b.eventCreatedDateTime) || compareText(canonicalJson(a), canonicalJson(b))
  );
}

/** JSON with object keys sorted and undefined fields left out, so equal content gives equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const fields = Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => compareText(a, b))
      .map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`);
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
