import type { DocumentRef } from '@mmt/contracts';
import { conveyanceKey } from '@mmt/contracts';
import { DocumentGroups } from './document-groups';
import { isCancelled, latestDocumentStatuses } from './document-statuses';
import { compareDocuments, documentKey, documentsOf, isMainDocument } from './documents';
import { placeUndocumentedEvents, type JourneyDraft } from './journey-windows';
import type { LiveEvent } from './live-event';
import { compareText, compareTimes, minBy } from './time';

/** One journey's share of a container's events. */
export interface JourneyBucket {
  readonly journeyId: string;
  /** The main transport documents (waybill, CIM/SMGS note, bill of lading) the journey is under. */
  readonly mainDocumentKeys: ReadonlySet<string>;
  /** Sorted by eventId. */
  readonly events: readonly LiveEvent[];
}

/**
 * Splits one container's live events (sorted by eventId) into journeys.
 *
 * - Documents named together on one event form a group; every group holding a main document (waybill,
 *   CIM/SMGS, bill of lading) is a journey, so a manifest line that names the waybill joins that manifest
 *   to the journey even before the waybill itself arrives.
 * - The journey id uses the group's main document that has a shipment event of its own, then the one named
 *   earliest, then the smallest `TYPE:ref`.
 * - An event carrying any document of a journey's group belongs to it. Any other event is placed by
 *   placeUndocumentedEvents: by its conveyance, then by time window.
 * - Without any main document, one `<containerNo>/UNDOCUMENTED` journey holds everything.
 */
export function assignJourneys(containerNo: string, events: readonly LiveEvent[]): JourneyBucket[] {
  if (events.length === 0) {
    return [];
  }
  const docsOf = new Map(events.map((event) => [event, documentsOf(event)]));
  const keysOf = new Map(events.map((event) => [event, (docsOf.get(event) ?? []).map(documentKey)]));
  const groups = new DocumentGroups();
  keysOf.forEach((keys) => groups.join(keys));
  const journeyGroups = new Set(
    [...docsOf.values()].flatMap((docs) => docs.filter(isMainDocument).map((doc) => groups.groupOf(documentKey(doc)))),
  );

  const documentedByGroup = new Map<string, LiveEvent[]>();
  const undocumented: LiveEvent[] = [];
  for (const event of events) {
    const group = (keysOf.get(event) ?? [])
      .map((key) => groups.groupOf(key))
      .find((candidate) => journeyGroups.has(candidate));
    if (group === undefined) {
      undocumented.push(event);
    } else {
      const documented = documentedByGroup.get(group) ?? [];
      documented.push(event);
      documentedByGroup.set(group, documented);
    }
  }

  if (journeyGroups.size === 0) {
    return [{ journeyId: `${containerNo}/UNDOCUMENTED`, mainDocumentKeys: new Set(), events: [...events] }];
  }
  const drafts = [...documentedByGroup.values()].map((documented) => draftJourney(containerNo, documented, docsOf));
  placeUndocumentedEvents(drafts, undocumented);
  return drafts.map(({ journeyId, mainDocumentKeys, events: assigned }) => ({
    journeyId,
    mainDocumentKeys,
    events: assigned.sort((a, b) => compareText(a.eventId, b.eventId)),
  }));
}

function draftJourney(
  containerNo: string,
  documented: readonly LiveEvent[],
  docsOf: ReadonlyMap<LiveEvent, readonly DocumentRef[]>,
): JourneyDraft {
  const mainDocuments = new Map<string, DocumentRef>();
  documented.forEach((event) =>
    (docsOf.get(event) ?? []).filter(isMainDocument).forEach((doc) => mainDocuments.set(documentKey(doc), doc)),
  );
  const mainDocumentKeys = new Set(mainDocuments.keys());
  const primary = primaryDocument([...mainDocuments.values()], documented, docsOf);
  const earliest = minBy(documented, (a, b) => compareTimes(a.eventDateTime, b.eventDateTime));
  return {
    journeyId: `${containerNo}/${documentKey(primary)}`,
    mainDocumentKeys,
    events: [...documented],
    windowStart: earliest?.eventDateTime ?? '',
    conveyanceKeys: new Set(
      documented.flatMap((event) => (event.conveyance === undefined ? [] : [conveyanceKey(event.conveyance)])),
    ),
    cancelled: isCancelled(latestDocumentStatuses(documented), mainDocumentKeys),
  };
}

function primaryDocument(
  mainDocuments: readonly DocumentRef[],
  documented: readonly LiveEvent[],
  docsOf: ReadonlyMap<LiveEvent, readonly DocumentRef[]>,
): DocumentRef {
  const ranked = mainDocuments.map((document) => {
    const key = documentKey(document);
    const naming = documented.filter((event) => docsOf.get(event)?.some((doc) => documentKey(doc) === key));
    const hasOwnShipmentEvent = naming.some(
      (event) => event.eventType === 'SHIPMENT' && documentKey(event.document) === key,
    );
    const firstNamedAt = minBy(
      naming.map((event) => event.eventDateTime),
      compareTimes,
    );
    return { document, hasOwnShipmentEvent, firstNamedAt: firstNamedAt ?? '' };
  });
  const best = minBy(
    ranked,
    (a, b) =>
      Number(b.hasOwnShipmentEvent) - Number(a.hasOwnShipmentEvent) ||
      compareTimes(a.firstNamedAt, b.firstNamedAt) ||
      compareDocuments(a.document, b.document),
  );
  if (best === undefined) {
    throw new Error('a journey group always holds a main document');
  }
  return best.document;
}
