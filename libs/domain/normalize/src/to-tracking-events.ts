/** Raw messages → canonical per-container tracking events, conveyance memberships and conveyance reports. */
import { conveyanceKey } from '@mmt/contracts';
import type {
  DocumentRef,
  EquipmentEventCode,
  LoadingOperation,
  Party,
  RawInTransit,
  RawLoading,
  RawManifest,
  RawMessage,
  RawWaybill,
  TrackingEvent,
} from '@mmt/contracts';
import { eventBase, isRetraction, retractionsFor, type NormalizeContext } from './event-base';
import { eventsForConveyanceMember } from './map-in-transit';
import { plannedReports } from './map-schedule';

/** A container is on a conveyance, under these documents (from a manifest line or a LOAD / TRANSFER report). */
export interface ConveyanceMembership {
  readonly conveyanceKey: string;
  readonly containerNo: string;
  readonly documents: DocumentRef[];
}

export interface NormalizedOutput {
  readonly events: TrackingEvent[];
  readonly memberships: ConveyanceMembership[];
  /**
   * Per-conveyance in-transit reports (no containerNo): a conveyance-level report, or a schedule's planned ones
   * (plannedReports). They yield no events by themselves; fan each out with eventsForConveyanceMember() to every
   * container the conveyance's memberships list, now and later.
   */
  readonly conveyanceReports?: readonly RawInTransit[];
}

export const EQUIPMENT_CODE_OF_OPERATION: Readonly<Record<LoadingOperation, EquipmentEventCode>> = {
  LOAD: 'LOAD',
  DISCHARGE: 'DISC',
  GATE_IN: 'GTIN',
  GATE_OUT: 'GTOT',
  TRANSFER: 'TRANSFER',
  STUFFING: 'STUF',
  STRIPPING: 'STRP',
  CUSTOMS_SELECTED: 'CUSS',
  CUSTOMS_INSPECTED: 'CUSI',
  CUSTOMS_RELEASED: 'CUSR',
  INSPECTION: 'INSP',
  CUSTOMS_DECLARED: 'CUSD',
};

function fromWaybill(message: RawWaybill, ctx: NormalizeContext): NormalizedOutput {
  const document: DocumentRef = { type: message.documentType, ref: message.documentNo };
  const documents = [document];
  if (isRetraction(message)) {
    return {
      events: message.containers.flatMap((c) =>
        retractionsFor(message, { containerNo: c.containerNo, documents }, ctx),
      ),
      memberships: [],
    };
  }
  const parties: Party[] = [
    { role: 'SHIPPER', ...message.shipper },
    { role: 'CONSIGNEE', ...message.consignee },
    ...(message.forwarder === undefined ? [] : [{ role: 'FORWARDER' as const, ...message.forwarder }]),
  ];
  const at = { classifier: 'ACT' as const, eventDateTime: message.eventTime };
  const events = message.containers.map((c): TrackingEvent => ({
    ...eventBase(message, { containerNo: c.containerNo, documents }, 'main', at, ctx),
    eventType: 'SHIPMENT',
    document,
    documentStatus: message.status,
    parties,
    origin: message.origin,
    destination: message.destination,
    coldChain: message.coldChain,
    cargoDescription: message.cargoDescription,
    ...(message.corridor === undefined ? {} : { corridor: message.corridor }),
    ...(message.plannedDeparture === undefined ? {} : { plannedDeparture: message.plannedDeparture }),
    ...(message.plannedArrival === undefined ? {} : { plannedArrival: message.plannedArrival }),
    ...(c.isoSizeType === undefined ? {} : { isoSizeType: c.isoSizeType }),
  }));
  return { events, memberships: [] };
}

function fromManifest(message: RawManifest, ctx: NormalizeContext): NormalizedOutput {
  const document: DocumentRef = { type: 'MANIFEST', ref: message.manifestNo };
  const lines = message.containers.map((line) => ({ line, documents: [document, ...line.documents] }));
  if (isRetraction(message)) {
    return {
      events: lines.flatMap(({ line, documents }) =>
        retractionsFor(message, { containerNo: line.containerNo, documents }, ctx),
      ),
      memberships: [],
    };
  }
  const parties: Party[] = [{ role: 'CARRIER', ...message.carrier }];
  const at = { classifier: 'ACT' as const, eventDateTime: message.eventTime };
  const key = conveyanceKey(message.conveyance);
  return {
    events: lines.map(({ line, documents }): TrackingEvent => ({
      ...eventBase(message, { containerNo: line.containerNo, documents }, 'main', at, ctx),
      eventType: 'SHIPMENT',
      document,
      documentStatus: message.status,
      parties,
      origin: message.placeOfLoading,
      destination: message.placeOfDischarge,
      conveyance: message.conveyance,
      ...(line.isoSizeType === undefined ? {} : { isoSizeType: line.isoSizeType }),
    })),
    memberships: lines.map(({ line, documents }) => ({ conveyanceKey: key, containerNo: line.containerNo, documents })),
  };
}

function fromLoading(message: RawLoading, ctx: NormalizeContext): NormalizedOutput {
  const documents = [...(message.documents ?? [])];
  const subject = { containerNo: message.containerNo, documents };
  if (isRetraction(message)) {
    return { events: retractionsFor(message, subject, ctx), memberships: [] };
  }
  const at = { classifier: message.classifier ?? 'ACT', eventDateTime: message.eventTime };
  const event: TrackingEvent = {
    ...eventBase(message, subject, 'main', at, ctx),
    eventType: 'EQUIPMENT',
    equipmentEventTypeCode: EQUIPMENT_CODE_OF_OPERATION[message.operation],
    location: message.location,
    ...(message.conveyance === undefined ? {} : { conveyance: message.conveyance }),
    ...(message.emptyIndicator === undefined ? {} : { emptyIndicator: message.emptyIndicator }),
    ...(message.isoSizeType === undefined ? {} : { isoSizeType: message.isoSizeType }),
    ...(message.seals === undefined ? {} : { seals: message.seals }),
    ...(message.customsBroker === undefined ? {} : { customsBroker: message.customsBroker }),
    ...(message.declarationNo === undefined ? {} : { declarationNo: message.declarationNo }),
  };
  const joins = message.conveyance !== undefined && (message.operation === 'LOAD' || message.operation === 'TRANSFER');
  const memberships =
    joins && message.conveyance !== undefined
      ? [{ conveyanceKey: conveyanceKey(message.conveyance), containerNo: message.containerNo, documents }]
      : [];
  return { events: [event], memberships };
}

function fromInTransit(message: RawInTransit, ctx: NormalizeContext): NormalizedOutput {
  if (message.containerNo === undefined) {
    return { events: [], memberships: [], conveyanceReports: [message] };
  }
  const events = eventsForConveyanceMember(message, message.containerNo, [], ctx);
  const onward = transferredOnto(message);
  return {
    events,
    memberships:
      onward === undefined ? [] : [{ conveyanceKey: onward, containerNo: message.containerNo, documents: [] }],
  };
}

/**
 * The conveyance key a TRANSFERRED report puts its containers on (undefined for any other report, and for a
 * retraction: a retracted transfer withdraws its TRANSFER events, the membership of the next train stays).
 */
export function transferredOnto(report: RawInTransit): string | undefined {
  return report.status === 'TRANSFERRED' && report.toConveyance !== undefined && !isRetraction(report)
    ? conveyanceKey(report.toConveyance)
    : undefined;
}

/** The canonical events (and conveyance memberships) a validated raw message means. Pure and deterministic. */
export function toTrackingEvents(message: RawMessage, ctx: NormalizeContext): NormalizedOutput {
  switch (message.kind) {
    case 'IN_TRANSIT':
      return fromInTransit(message, ctx);
    case 'MANIFEST':
      return fromManifest(message, ctx);
    case 'WAYBILL':
      return fromWaybill(message, ctx);
    case 'LOADING':
      return fromLoading(message, ctx);
    case 'SCHEDULE':
      return { events: [], memberships: [], conveyanceReports: plannedReports(message) };
  }
}
