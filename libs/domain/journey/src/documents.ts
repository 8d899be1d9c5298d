import type { DocumentRef, DocumentType } from '@mmt/contracts';
import type { LiveEvent } from './live-event';
import { compareText } from './time';

/** The documents a journey is keyed by; a manifest is per conveyance, so it only joins a journey through them. */
export const MAIN_DOCUMENT_TYPES: readonly DocumentType[] = ['WAYBILL', 'CIM_SMGS', 'BILL_OF_LADING'];

export function isMainDocument(document: DocumentRef): boolean {
  return MAIN_DOCUMENT_TYPES.includes(document.type);
}

/** `TYPE:ref`, the form used in journey ids. */
export function documentKey(document: DocumentRef): string {
  return `${document.type}:${document.ref}`;
}

export function compareDocuments(a: DocumentRef, b: DocumentRef): number {
  return compareText(a.type, b.type) || compareText(a.ref, b.ref);
}

/** Unique copies, sorted by type then ref. */
export function uniqueDocuments(documents: Iterable<DocumentRef>): DocumentRef[] {
  const byKey = new Map<string, DocumentRef>();
  for (const document of documents) {
    byKey.set(documentKey(document), { type: document.type, ref: document.ref });
  }
  return [...byKey.values()].sort(compareDocuments);
}

/** Every document the event is reported under: its `documents` and, for a shipment event, its own `document`. */
export function documentsOf(event: LiveEvent): DocumentRef[] {
  return uniqueDocuments(event.eventType === 'SHIPMENT' ? [event.document, ...event.documents] : event.documents);
}
