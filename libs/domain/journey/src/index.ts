/**
 * The journey fold: a pure function from one container's canonical events to its journeys. No I/O.
 *
 * - Same set of events (by eventId) → deep-equal journeys, in any order; duplicates change nothing.
 * - Of several versions of one eventId, the latest (eventCreatedDateTime, the source's sentAt) counts: a
 *   correction replaces the event, and an older version arriving after it changes nothing.
 * - A retraction acts as if the retracted event had never arrived. `Journey.eventIds` lists the live events
 *   only (neither retractions nor what they withdrew), so a retraction and never having had the event give
 *   the same journey, version included. The event log keeps the full trail.
 * - ACT beats EST beats PLN for one milestone; within a classifier the later eventCreatedDateTime wins.
 */
export { foldJourneys } from './fold-journeys';
export { journeyVersion } from './fold-journey';
export { latestVersions, withdrawnEventIds } from './effective-events';
export { latestMovementOf } from './status';
