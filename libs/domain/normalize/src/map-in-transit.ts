/** In-transit reports → TRANSPORT / EQUIPMENT events for one container (per-container or fanned out). */
import type { DocumentRef, RawInTransit, TrackingEvent } from '@mmt/contracts';
import { eventBase, isRetraction, retractionsFor, type NormalizeContext } from './event-base';

/**
 * The events a per-conveyance report means for one container on that conveyance: exactly what a
 * per-container report for it would give (same ids), with `documents` the container's membership documents.
 */
export function eventsForConveyanceMember(
  report: RawInTransit,
  containerNo: string,
  documents: readonly DocumentRef[],
  ctx: NormalizeContext,
): TrackingEvent[] {
  const subject = { containerNo, documents };
  if (isRetraction(report)) {
    return retractionsFor(report, subject, ctx);
  }
  const events: TrackingEvent[] = [];
  const at = { classifier: report.classifier, eventDateTime: report.eventTime };
  const main = eventBase(report, subject, 'main', at, ctx);
  const { conveyance, location } = report;
  switch (report.status) {
    case 'DEPARTED':
    case 'ARRIVED':
      if (conveyance !== undefined) {
        events.push({
          ...main,
          eventType: 'TRANSPORT',
          transportEventTypeCode: report.status === 'DEPARTED' ? 'DEPA' : 'ARRI',
          conveyance,
          location,
        });
      }
      break;
    case 'PASSED':
      events.push({
        ...main,
        eventType: 'EQUIPMENT',
        equipmentEventTypeCode: 'CROS',
        location,
        ...(conveyance === undefined ? {} : { conveyance }),
      });
      break;
    case 'TRANSFERRED':
      // The container changes train: the event is on the train it continues on, as a loading list's TRANSFER.
      if (report.toConveyance !== undefined) {
        events.push({
          ...main,
          eventType: 'EQUIPMENT',
          equipmentEventTypeCode: 'TRANSFER',
          conveyance: report.toConveyance,
          location,
        });
      }
      break;
  }
  const eta = report.estimatedArrival;
  if (eta !== undefined && conveyance !== undefined) {
    events.push({
      ...eventBase(report, subject, 'eta', { classifier: 'EST', eventDateTime: eta.time }, ctx),
      eventType: 'TRANSPORT',
      transportEventTypeCode: 'ARRI',
      conveyance,
      location: eta.location,
    });
  }
  return events;
}
