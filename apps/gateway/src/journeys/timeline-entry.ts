import type { TrackingEvent } from '@mmt/contracts';
import { eventConveyanceView } from './conveyance-view';

/** The GraphQL view of one canonical event, as the timeline and the event stream show it. */
export function timelineEntry(event: TrackingEvent) {
  const base = {
    eventId: event.eventId,
    eventType: event.eventType,
    classifier: event.classifier,
    eventDateTime: event.eventDateTime,
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
