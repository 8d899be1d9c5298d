import type { TrackingEvent } from '@mmt/contracts';
import { inScope, orgKey, type JourneyScope } from '@mmt/store';
import { AccessError, type Principal } from './principal';

export { orgKey };

/** Whether two organisation ids name the same organisation: equal but for ASCII case. */
export function sameOrg(a: string, b: string): boolean {
  return orgKey(a) === orgKey(b);
}

/**
 * Which journeys the principal may see: the port office every journey, a SHIPPER or PARTNER the journeys its
 * organisation is party to, a SOURCE_SYSTEM none (its key is refused for reading before it gets here). The store reads
 * a scope as it is indexed; the rule of who sees what is this one.
 */
export function journeyScope(principal: Principal): JourneyScope {
  switch (principal.role) {
    case 'PORT_OFFICE':
      return { every: true };
    case 'SHIPPER':
    case 'PARTNER':
      return { partyOrgId: principal.orgId };
    case 'SOURCE_SYSTEM':
      throw new AccessError(`key ${principal.keyId}: a SOURCE_SYSTEM key reads no journeys`);
  }
}

/** Whether the principal may see a journey: the same rule, checked on a journey already read. */
export function canSee(principal: Principal, journey: { readonly orgIds: readonly string[] }): boolean {
  return inScope(journeyScope(principal), journey);
}

/** What eventsOnVisibleJourneys needs of a container's journeys. */
export interface JourneyEvents {
  readonly orgIds: readonly string[];
  readonly documents: readonly { readonly type: string; readonly ref: string }[];
  readonly eventIds: readonly string[];
}

const documentKey = (document: { readonly type: string; readonly ref: string }) => `${document.type}:${document.ref}`;

/** Every document an event names: its `documents`, and a shipment event's own document. */
function documentsNamedBy(event: TrackingEvent): string[] {
  return [...event.documents, ...(event.eventType === 'SHIPMENT' ? [event.document] : [])].map(documentKey);
}

/**
 * The events of one container's log that the principal may receive: those that belong to a journey it may see.
 *
 * - An event a journey has folded in (`eventIds`) belongs to that journey.
 * - A RETRACTION belongs to the journey of the event it withdraws. While its target still counts (the
 *   retraction was itself retracted), that is the journey holding the target. Once withdrawn, the target is in
 *   no journey; it belonged to the journey of the documents it names (documents named together are one
 *   journey), so the retraction is shown when the documents it and its target (when the log holds it) name
 *   include a document of a journey the principal may see and none of a journey it may not see. A retraction
 *   and target that name no document are shown only when the principal may see every journey of the
 *   container, since nothing else places them. A retraction naming a document of a journey the principal may
 *   not see is never shown.
 * - Every version of an event belongs where the event does: an audit trail shows what a correction replaced.
 * - An event withdrawn by a retraction that is shown is shown too (the audit trail marks it withdrawn).
 * - Anything else (an event in no journey) is not shown to a SHIPPER or PARTNER.
 *
 * The port office receives every event.
 */
export function eventsOnVisibleJourneys<E extends TrackingEvent>(
  principal: Principal,
  journeys: readonly JourneyEvents[],
  events: readonly E[],
): E[] {
  if (principal.role === 'PORT_OFFICE') {
    return [...events];
  }
  const visible = journeys.filter((journey) => canSee(principal, journey));
  const hidden = journeys.filter((journey) => !canSee(principal, journey));
  const visibleEvents = new Set(visible.flatMap((journey) => journey.eventIds));
  const inSomeJourney = new Set(journeys.flatMap((journey) => journey.eventIds));
  const visibleDocuments = new Set(visible.flatMap((journey) => journey.documents.map(documentKey)));
  const hiddenDocuments = new Set(hidden.flatMap((journey) => journey.documents.map(documentKey)));
  const seesWholeContainer = visible.length > 0 && hidden.length === 0;
  const byId = new Map(events.map((event) => [event.eventId, event]));
  const shown = events.filter((event) => {
    if (visibleEvents.has(event.eventId)) {
      return true;
    }
    if (event.eventType !== 'RETRACTION' || documentsNamedBy(event).some((d) => hiddenDocuments.has(d))) {
      return false;
    }
    const target = event.retractsEventId;
    if (inSomeJourney.has(target)) {
      return visibleEvents.has(target);
    }
    const withdrawn = byId.get(target);
    const named = [...documentsNamedBy(event), ...(withdrawn === undefined ? [] : documentsNamedBy(withdrawn))];
    return named.length === 0
      ? seesWholeContainer
      : named.some((d) => visibleDocuments.has(d)) && !named.some((d) => hiddenDocuments.has(d));
  });
  const withdrawnShown = new Set(
    shown.flatMap((event) => (event.eventType === 'RETRACTION' ? [event.retractsEventId] : [])),
  );
  const shownSet = new Set<E>(shown);
  return events.filter((event) => shownSet.has(event) || withdrawnShown.has(event.eventId));
}
