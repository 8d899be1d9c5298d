import type { DocumentRef, DocumentStatus, ShipmentEvent } from '@mmt/contracts';
import { compareDocuments, documentKey } from './documents';
import type { LiveEvent } from './live-event';
import { compareByEventTime } from './time';

export interface DocumentStatusEntry {
  readonly document: DocumentRef;
  readonly status: DocumentStatus;
}

/** The latest status of each document (by eventDateTime, then eventCreatedDateTime, then eventId), sorted by document. */
export function latestDocumentStatuses(events: readonly LiveEvent[]): DocumentStatusEntry[] {
  const latest = new Map<string, ShipmentEvent>();
  for (const event of events) {
    if (event.eventType !== 'SHIPMENT') {
      continue;
    }
    const key = documentKey(event.document);
    const current = latest.get(key);
    if (current === undefined || compareByEventTime(event, current) > 0) {
      latest.set(key, event);
    }
  }
  return [...latest.values()]
    .map((event) => ({
      document: { type: event.document.type, ref: event.document.ref },
      status: event.documentStatus,
    }))
    .sort((a, b) => compareDocuments(a.document, b.document));
}

/** `<TYPE>_HELD:<ref>` for each document whose latest status is HELD (a later RELEASED clears it). */
export function holdsFrom(statuses: readonly DocumentStatusEntry[]): string[] {
  return statuses
    .filter((entry) => entry.status === 'HELD')
    .map((entry) => `${entry.document.type}_HELD:${entry.document.ref}`);
}

/** Cancelled when every main document with a known status is CANCELLED, and at least one is. */
export function isCancelled(statuses: readonly DocumentStatusEntry[], mainDocumentKeys: ReadonlySet<string>): boolean {
  const mainStatuses = statuses.filter((entry) => mainDocumentKeys.has(documentKey(entry.document)));
  return mainStatuses.length > 0 && mainStatuses.every((entry) => entry.status === 'CANCELLED');
}
