import type { TrackingEvent } from '@mmt/contracts';
import { eventConveyanceView } from './conveyance-view';

/** Where one version of an event stands in its container's audit trail. */
export interface EntryStanding {
  /** A later version of the same event (a correction) replaces this one. */
  readonly superseded: boolean;
  /** A retraction that counts withdrew this event. */
  readonly withdrawn: boolean;
}

/** The GraphQL view of one version of a canonical event, as the timeline and the event stream show it. */
export function timelineEntry(event: TrackingEvent, standing: EntryStanding = { superseded: false, withdrawn: false }) {
  const base = {
    eventId: event.eventId,
    eventType: event.eventType,
    classifier: event.classifier,
    eventDateTime: event.eventDateTime,
    sentAt: event.eventCreatedDateTime,
    ...standing,
    receivedAt: event.receivedAt,
    sourceSystem: event.source.system,
    rawKind: event.source.rawKind,
    rawRef: event.source.rawRef,
    documents: event.documents,
  };
  switch (event.eventType) {
    case 'TRANSPORT':
      return {
        ...base,
        code: event.transportEventTypeCode,
        place: event.location,
        conveyance: eventConveyanceView(event.conveyance),
      };
    case 'EQUIPMENT':
      return {
        ...base,
        code: event.equipmentEventTypeCode,
        place: event.location,
        conveyance: eventConveyanceView(event.conveyance),
      };
    case 'SHIPMENT':
      return {
        ...base,
        code: `${event.document.type}_${event.documentStatus}`,
        conveyance: eventConveyanceView(event.conveyance),
      };
    case 'RETRACTION':
      return { ...base, code: 'RETRACTION', retractsEventId: event.retractsEventId };
  }
}
