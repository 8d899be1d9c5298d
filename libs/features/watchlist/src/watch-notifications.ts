import type { Journey, Place, TrackingEvent } from '@mmt/contracts';
import type { NotificationDocument, NotificationKind, WatchDocument } from './watch';

/** A notification as the rules find it, before the store and the mail give it its e-mail state. */
export type NotificationDraft = Omit<NotificationDocument, 'email' | 'createdAt'>;

/** The movements at the destination that deliver the container (as the journey's status reads them: COMPLETED). */
const DELIVERY_CODES = new Set(['GTOT', 'STRP']);

const HOUR_MS = 3_600_000;

/** The kind of an added event, if it is one a person may be notified of. */
function kindOf(event: TrackingEvent, journey: Journey): { kind: NotificationKind; place?: Place } | undefined {
  if (event.classifier !== 'ACT' && event.eventType !== 'SHIPMENT') {
    return undefined;
  }
  switch (event.eventType) {
    case 'TRANSPORT':
      return { kind: event.transportEventTypeCode === 'ARRI' ? 'ARRIVAL' : 'DEPARTURE', place: event.location };
    case 'EQUIPMENT': {
      const code = event.equipmentEventTypeCode;
      if (code === 'CUSS' || code === 'CUSI') {
        return { kind: 'INSPECTION', place: event.location };
      }
      if (DELIVERY_CODES.has(code) && event.location.locode === journey.destination?.locode) {
        return { kind: 'DELIVERY', place: event.location };
      }
      return undefined;
    }
    case 'SHIPMENT':
      return event.documentStatus === 'HELD' ? { kind: 'HOLD', place: journey.currentPlace } : undefined;
    case 'RETRACTION':
      return undefined;
  }
}

/**
 * What a watch is notified of in one journey update: each added event of a kind the watch chose (its id in the
 * notification's), and an ETA that moved by more than the watch's `etaHours` from `etaNotified`, the ETA last
 * notified for this watch and journey (or the one when following, or the first seen). The caller checks that the watch may see the journey.
 */
export function watchNotifications(
  watch: WatchDocument,
  journey: Journey,
  added: readonly TrackingEvent[],
  etaNotified: string | undefined,
  publishedAt: string,
): NotificationDraft[] {
  const base = {
    watchId: watch._id,
    keyId: watch.follower.keyId,
    containerNo: journey.containerNo,
    journeyId: journey.journeyId,
    watchType: watch.type,
    watchRef: watch.ref,
    language: watch.language,
  };
  const drafts: NotificationDraft[] = [];
  for (const event of added) {
    const found = kindOf(event, journey);
    if (found !== undefined && watch.kinds.includes(found.kind)) {
      drafts.push({
        ...base,
        _id: `${watch._id}|${found.kind}|${event.eventId}`,
        kind: found.kind,
        at: event.eventDateTime,
        ...(found.place === undefined ? {} : { place: found.place }),
      });
    }
  }
  if (etaMoved(watch, etaNotified, journey.eta)) {
    drafts.push({
      ...base,
      _id: `${watch._id}|ETA_CHANGED|${journey.journeyId}|${journey.eta}`,
      kind: 'ETA_CHANGED',
      at: publishedAt,
      ...(journey.destination === undefined ? {} : { place: journey.destination }),
      etaBefore: etaNotified,
      etaAfter: journey.eta,
    });
  }
  return drafts;
}

/** Whether the ETA moved by more than the watch's hours; the first ETA seen sets the mark and notifies nothing. */
export function etaMoved(watch: WatchDocument, before: string | undefined, after: string | undefined): boolean {
  if (!watch.kinds.includes('ETA_CHANGED') || before === undefined || after === undefined) {
    return false;
  }
  return Math.abs(Date.parse(after) - Date.parse(before)) > watch.etaHours * HOUR_MS;
}
